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

  /** Number of buffer slots. */
  public static final int COUNT = 30;

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
    "http_connection"
  };

  /** The Snort keyword naming buffer {@code id}. */
  public static String name(int id) {
    return id >= 0 && id < COUNT ? NAMES[id] : "buffer#" + id;
  }
}
