package org.vigil.detect.api;

/**
 * Ids of the inspection buffers a rule can read; indexes into {@link InspectionContext}'s buffer
 * slots.
 */
public final class Buffers {
  private Buffers() {}

  /** Packet payload (pkt_data) or, in a stream inspection, the raw reassembled stream chunk. */
  public static final int PAYLOAD = 0;

  public static final int HTTP_URI = 1;
  public static final int HTTP_RAW_URI = 2;
  public static final int HTTP_METHOD = 3;
  public static final int HTTP_HEADER = 4;
  public static final int HTTP_RAW_HEADER = 5;
  public static final int HTTP_COOKIE = 6;
  public static final int HTTP_RAW_COOKIE = 7;
  public static final int HTTP_CLIENT_BODY = 8;
  public static final int HTTP_STAT_CODE = 9;
  public static final int HTTP_STAT_MSG = 10;

  /** file_data: the HTTP response body (dechunked, decompressed) or an SMTP/file body. */
  public static final int FILE_DATA = 11;

  /**
   * base64_data: filled by the rule's own base64_decode from the current buffer, never by the
   * runtime.
   */
  public static final int BASE64_DATA = 12;

  /**
   * HTTP buffers Suricata names with sticky buffer keywords ({@code http.host}, {@code
   * http.user_agent}, ...): header values, header names, request/response lines, protocol.
   */
  public static final int HTTP_HOST = 13;

  public static final int HTTP_RAW_HOST = 14;
  public static final int HTTP_USER_AGENT = 15;
  public static final int HTTP_CONTENT_TYPE = 16;
  public static final int HTTP_CONTENT_LEN = 17;
  public static final int HTTP_HEADER_NAMES = 18;
  public static final int HTTP_REQUEST_LINE = 19;
  public static final int HTTP_RESPONSE_LINE = 20;
  public static final int HTTP_START = 21;
  public static final int HTTP_PROTOCOL = 22;
  public static final int HTTP_REFERER = 23;
  public static final int HTTP_LOCATION = 24;
  public static final int HTTP_SERVER = 25;
  public static final int HTTP_ACCEPT = 26;
  public static final int HTTP_ACCEPT_ENC = 27;
  public static final int HTTP_ACCEPT_LANG = 28;
  public static final int HTTP_CONNECTION = 29;

  /** dns.query: a DNS request's query name, dotted, without length bytes. */
  public static final int DNS_QUERY = 30;

  /** tls.sni: the ClientHello's server name. */
  public static final int TLS_SNI = 31;

  /** tls.cert_subject: the server certificate's subject ("C=US, O=..., CN=..."). */
  public static final int TLS_CERT_SUBJECT = 32;

  /** tls.cert_issuer: the server certificate's issuer. */
  public static final int TLS_CERT_ISSUER = 33;

  /** tls.cert_serial: the server certificate's serial number, colon-separated hex. */
  public static final int TLS_CERT_SERIAL = 34;

  /** tls.cert_fingerprint: the server certificate's SHA-1, colon-separated lower-case hex. */
  public static final int TLS_CERT_FINGERPRINT = 35;

  /** tls.certs: one certificate (DER) of the server's chain. */
  public static final int TLS_CERTS = 36;

  /** ja3.hash: the ClientHello's JA3 MD5, lower-case hex. */
  public static final int JA3_HASH = 37;

  /** ja3.string: the ClientHello's JA3 string. */
  public static final int JA3_STRING = 38;

  /** ja3s.hash: the ServerHello's JA3S MD5, lower-case hex. */
  public static final int JA3S_HASH = 39;

  /** ja3s.string: the ServerHello's JA3S string. */
  public static final int JA3S_STRING = 40;

  /** ssh.proto: an SSH banner's protocol version. */
  public static final int SSH_PROTO = 41;

  /** ssh.software: an SSH banner's software version. */
  public static final int SSH_SOFTWARE = 42;

  /**
   * Internal, not a rule keyword: the TLS state ssl_state/ssl_version/tls.version test (see {@code
   * org.vigil.app.tls.TlsStateBytes}): byte 0 the current handshake message flags, byte 1 the
   * inspected direction's version bit, byte 2 the server's version bit.
   */
  public static final int TLS_STATE = 43;

  /**
   * Internal, not a rule keyword: the app-layer events of the inspected transaction, one bit per
   * {@link AppEvents} id (byte id/8, bit id%8 counted from the lowest), {@link AppEvents#BYTES}
   * bytes.
   */
  public static final int APP_EVENTS = 44;

  /** The size of the {@link #APP_EVENTS} buffer in bytes. */
  public static final int APP_EVENT_BYTES = 16;

  /**
   * The events {@link #APP_EVENTS} has a bit for, by bit number (Suricata's {@code app-layer-event}
   * names): the events Vigil's parsers raise.
   */
  public static final java.util.List<String> APP_EVENT_NAMES =
      java.util.List.of(
          "http.request_line_leading_whitespace",
          "http.request_line_invalid",
          "http.request_line_missing_protocol",
          "http.method_delim_non_compliant",
          "http.uri_delim_non_compliant",
          "http.request_field_missing_colon",
          "http.response_field_missing_colon",
          "http.request_header_invalid",
          "http.response_header_invalid",
          "http.invalid_request_field_folding",
          "http.invalid_response_field_folding",
          "http.request_field_too_long",
          "http.response_field_too_long",
          "http.request_too_many_headers",
          "http.response_too_many_headers",
          "http.request_header_repetition",
          "http.response_header_repetition",
          "http.missing_host_header",
          "http.invalid_content_length_field_in_request",
          "http.invalid_content_length_field_in_response",
          "http.duplicate_content_length_field_in_request",
          "http.duplicate_content_length_field_in_response",
          "http.invalid_transfer_encoding_value_in_request",
          "http.invalid_transfer_encoding_value_in_response",
          "http.invalid_request_chunk_len",
          "http.invalid_response_chunk_len",
          "http.request_chunk_extension",
          "http.response_invalid_status",
          "http.100_continue_already_seen",
          "http.unable_to_match_response_to_request",
          "http.gzip_decompression_failed",
          "http.too_many_encoding_layers",
          "http.range_invalid",
          "http.response_multipart_byteranges",
          "http.response_invalid_protocol",
          "http.response_chunked_old_proto",
          "http.request_body_unexpected",
          "tls.invalid_record_type",
          "tls.invalid_record_version",
          "tls.invalid_record_length",
          "tls.invalid_handshake_message",
          "smb.malformed_data",
          "smb.file_overlap");

  /**
   * dce_stub_data: the stub data of a DCE/RPC call in the unit's direction (request stub to the
   * server, response stub to the client), its fragments joined.
   */
  public static final int DCE_STUB_DATA = 45;

  /**
   * Internal, not a rule keyword: the DCE/RPC call state dce_iface and dce_opnum are tested on (see
   * {@link DceState}).
   */
  public static final int DCE_STATE = 46;

  /**
   * Internal, not a rule keyword: an FTP client's PORT command line, without its line end, which
   * ftpbounce is tested on.
   */
  public static final int FTP_COMMAND = 47;

  /** Number of buffer slots. */
  public static final int COUNT = 48;

  private static final String[] NAMES = {
    "pkt_data",
    "http_uri",
    "http_raw_uri",
    "http_method",
    "http_header",
    "http_raw_header",
    "http_cookie",
    "http_raw_cookie",
    "http_client_body",
    "http_stat_code",
    "http_stat_msg",
    "file_data",
    "base64_data",
    "http_host",
    "http_raw_host",
    "http_user_agent",
    "http_content_type",
    "http_content_len",
    "http_header_names",
    "http_request_line",
    "http_response_line",
    "http_start",
    "http_protocol",
    "http_referer",
    "http_location",
    "http_server",
    "http_accept",
    "http_accept_enc",
    "http_accept_lang",
    "http_connection",
    "dns.query",
    "tls.sni",
    "tls.cert_subject",
    "tls.cert_issuer",
    "tls.cert_serial",
    "tls.cert_fingerprint",
    "tls.certs",
    "ja3.hash",
    "ja3.string",
    "ja3s.hash",
    "ja3s.string",
    "ssh.proto",
    "ssh.software",
    "tls_state",
    "app_events",
    "dce_stub_data",
    "dce_state",
    "ftp_command_line"
  };

  /** The Snort keyword naming buffer {@code id}. */
  public static String name(int id) {
    return id >= 0 && id < COUNT ? NAMES[id] : "buffer#" + id;
  }
}
