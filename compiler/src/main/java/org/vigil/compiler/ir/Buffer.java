package org.vigil.compiler.ir;

/**
 * The data a payload option inspects. {@link #PKT_DATA} is the default: the packet payload or, for
 * TCP, the reassembled stream (Snort's "raw" data when {@code rawbytes} is set). Each buffer has
 * its Snort 2.9 keyword (a sticky buffer keyword or a content modifier) and, when Suricata names it
 * with a sticky buffer keyword, that name ({@code http.uri}).
 */
public enum Buffer {
  PKT_DATA("pkt_data", true, '\0', "pkt_data", false),
  FILE_DATA("file_data", true, 'Q', "file.data", false),
  BASE64_DATA("base64_data", true, '\0', "base64_data", false),
  DCE_STUB_DATA("dce_stub_data", true, '\0', "dce_stub_data", false),
  SIP_HEADER("sip_header", true, '\0', "sip_header", false),
  SIP_BODY("sip_body", true, '\0', "sip_body", false),
  HTTP_URI("http_uri", false, 'U', "http.uri", true),
  HTTP_RAW_URI("http_raw_uri", false, 'I', "http.uri.raw", true),
  HTTP_METHOD("http_method", false, 'M', "http.method", true),
  HTTP_HEADER("http_header", false, 'H', "http.header", true),
  HTTP_RAW_HEADER("http_raw_header", false, 'D', "http.header.raw", true),
  HTTP_COOKIE("http_cookie", false, 'C', "http.cookie", true),
  HTTP_RAW_COOKIE("http_raw_cookie", false, 'K', null, true),
  HTTP_CLIENT_BODY("http_client_body", false, 'P', "http.request_body", true),
  HTTP_STAT_CODE("http_stat_code", false, 'S', "http.stat_code", true),
  HTTP_STAT_MSG("http_stat_msg", false, 'Y', "http.stat_msg", true),
  HTTP_HOST("http_host", false, 'W', "http.host", true),
  HTTP_RAW_HOST("http_raw_host", false, 'Z', "http.host.raw", true),
  HTTP_USER_AGENT("http_user_agent", false, 'V', "http.user_agent", true),
  HTTP_CONTENT_TYPE("http_content_type", false, '\0', "http.content_type", false),
  HTTP_CONTENT_LEN("http_content_len", false, '\0', "http.content_len", false),
  HTTP_HEADER_NAMES("http_header_names", false, '\0', "http.header_names", false),
  HTTP_REQUEST_LINE("http_request_line", false, '\0', "http.request_line", false),
  HTTP_RESPONSE_LINE("http_response_line", false, '\0', "http.response_line", false),
  HTTP_START("http_start", false, '\0', "http.start", false),
  HTTP_PROTOCOL("http_protocol", false, '\0', "http.protocol", false),
  HTTP_REFERER("http_referer", false, '\0', "http.referer", false),
  HTTP_LOCATION("http_location", false, '\0', "http.location", false),
  HTTP_SERVER("http_server", false, '\0', "http.server", false),
  HTTP_ACCEPT("http_accept", false, '\0', "http.accept", false),
  HTTP_ACCEPT_ENC("http_accept_enc", false, '\0', "http.accept_enc", false),
  HTTP_ACCEPT_LANG("http_accept_lang", false, '\0', "http.accept_lang", false),
  HTTP_CONNECTION("http_connection", false, '\0', "http.connection", false),
  DNS_QUERY("dns.query", true, '\0', "dns.query", false),
  TLS_SNI("tls.sni", true, '\0', "tls.sni", false),
  TLS_CERT_SUBJECT("tls.cert_subject", true, '\0', "tls.cert_subject", false),
  TLS_CERT_ISSUER("tls.cert_issuer", true, '\0', "tls.cert_issuer", false),
  TLS_CERT_SERIAL("tls.cert_serial", true, '\0', "tls.cert_serial", false),
  TLS_CERT_FINGERPRINT("tls.cert_fingerprint", true, '\0', "tls.cert_fingerprint", false),
  TLS_CERTS("tls.certs", true, '\0', "tls.certs", false),
  JA3_HASH("ja3.hash", true, '\0', "ja3.hash", false),
  JA3_STRING("ja3.string", true, '\0', "ja3.string", false),
  JA3S_HASH("ja3s.hash", true, '\0', "ja3s.hash", false),
  JA3S_STRING("ja3s.string", true, '\0', "ja3s.string", false),
  SSH_PROTO("ssh.proto", true, '\0', "ssh.proto", false),
  SSH_SOFTWARE("ssh.software", true, '\0', "ssh.software", false),
  /** Internal: the TLS state ssl_state, ssl_version and tls.version are lowered onto. */
  TLS_STATE("tls_state", false, '\0', null, false),
  /** Internal: the transaction's app-layer events app-layer-event is lowered onto. */
  APP_EVENTS("app_events", false, '\0', null, false),
  /** Internal: the DCE/RPC call state dce_iface and dce_opnum are lowered onto. */
  DCE_STATE("dce_state", false, '\0', null, false),
  /** Internal: an FTP client's PORT command line, which ftpbounce reads. */
  FTP_COMMAND("ftp_command_line", false, '\0', null, false);

  private final String keyword;
  private final boolean sticky;
  private final char pcreFlag;
  private final String stickyName;
  private final boolean modifier;

  Buffer(String keyword, boolean sticky, char pcreFlag, String stickyName, boolean modifier) {
    this.keyword = keyword;
    this.sticky = sticky;
    this.pcreFlag = pcreFlag;
    this.stickyName = stickyName;
    this.modifier = modifier;
  }

  /**
   * The Snort rule keyword selecting this buffer (a sticky buffer keyword or a content modifier).
   */
  public String keyword() {
    return keyword;
  }

  /** True for Snort's sticky buffer keywords (they apply to every following payload option). */
  public boolean sticky() {
    return sticky;
  }

  /**
   * Suricata's sticky buffer keyword of this buffer ({@code http.uri}), or null when Suricata has
   * none.
   */
  public String stickyName() {
    return stickyName;
  }

  /** True when {@link #keyword()} is a content modifier ({@code content:"x"; http_uri;}). */
  public boolean modifier() {
    return modifier;
  }

  /** The Snort pcre flag selecting this buffer, or {@code '\0'} if none. */
  public char pcreFlag() {
    return pcreFlag;
  }

  /** True for the buffers filled by the HTTP parser (http_* modifiers). */
  public boolean isHttp() {
    return keyword.startsWith("http_");
  }

  /** The buffer selected by a Snort keyword, or null. */
  public static Buffer ofKeyword(String keyword) {
    for (Buffer b : values()) {
      if (b.keyword.equals(keyword)) {
        return b;
      }
    }
    return null;
  }

  /** The buffer selected by a pcre flag, or null. */
  public static Buffer ofPcreFlag(char flag) {
    for (Buffer b : values()) {
      if (b.pcreFlag == flag) {
        return b;
      }
    }
    return null;
  }
}
