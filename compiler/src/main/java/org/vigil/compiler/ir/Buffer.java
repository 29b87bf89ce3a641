package org.vigil.compiler.ir;

/**
 * The data a payload option inspects. {@link #PKT_DATA} is the default: the packet payload or, for
 * TCP, the reassembled stream (Snort's "raw" data when {@code rawbytes} is set).
 */
public enum Buffer {
  PKT_DATA("pkt_data", true, '\0'),
  FILE_DATA("file_data", true, '\0'),
  BASE64_DATA("base64_data", true, '\0'),
  DCE_STUB_DATA("dce_stub_data", true, '\0'),
  SIP_HEADER("sip_header", true, '\0'),
  SIP_BODY("sip_body", true, '\0'),
  HTTP_URI("http_uri", false, 'U'),
  HTTP_RAW_URI("http_raw_uri", false, 'I'),
  HTTP_METHOD("http_method", false, 'M'),
  HTTP_HEADER("http_header", false, 'H'),
  HTTP_RAW_HEADER("http_raw_header", false, 'D'),
  HTTP_COOKIE("http_cookie", false, 'C'),
  HTTP_RAW_COOKIE("http_raw_cookie", false, 'K'),
  HTTP_CLIENT_BODY("http_client_body", false, 'P'),
  HTTP_STAT_CODE("http_stat_code", false, 'S'),
  HTTP_STAT_MSG("http_stat_msg", false, 'Y'),
  DNS_QUERY("dns.query", true, '\0'),
  TLS_SNI("tls.sni", true, '\0'),
  TLS_CERT_SUBJECT("tls.cert_subject", true, '\0'),
  TLS_CERT_ISSUER("tls.cert_issuer", true, '\0'),
  TLS_CERT_SERIAL("tls.cert_serial", true, '\0'),
  TLS_CERT_FINGERPRINT("tls.cert_fingerprint", true, '\0'),
  TLS_CERTS("tls.certs", true, '\0'),
  JA3_HASH("ja3.hash", true, '\0'),
  JA3_STRING("ja3.string", true, '\0'),
  JA3S_HASH("ja3s.hash", true, '\0'),
  JA3S_STRING("ja3s.string", true, '\0'),
  SSH_PROTO("ssh.proto", true, '\0'),
  SSH_SOFTWARE("ssh.software", true, '\0'),
  /** Internal: the TLS state ssl_state, ssl_version and tls.version are lowered onto. */
  TLS_STATE("tls_state", false, '\0');

  private final String keyword;
  private final boolean sticky;
  private final char pcreFlag;

  Buffer(String keyword, boolean sticky, char pcreFlag) {
    this.keyword = keyword;
    this.sticky = sticky;
    this.pcreFlag = pcreFlag;
  }

  /** The rule keyword selecting this buffer (a sticky buffer keyword or a content modifier). */
  public String keyword() {
    return keyword;
  }

  /** True for sticky buffer keywords (they apply to every following payload option). */
  public boolean sticky() {
    return sticky;
  }

  /** The Snort pcre flag selecting this buffer, or {@code '\0'} if none. */
  public char pcreFlag() {
    return pcreFlag;
  }

  /** True for the buffers filled by the HTTP parser (http_* modifiers). */
  public boolean isHttp() {
    return keyword.startsWith("http_");
  }

  /** The buffer selected by a keyword, or null. */
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
