package org.vigil.app.tls;

/** The SSLv3/TLS record content types and protocol versions Suricata 7's TLS parser accepts. */
public final class TlsRecordTypes {
  /** ChangeCipherSpec record. */
  public static final int CHANGE_CIPHER_SPEC = 20;

  /** Alert record. */
  public static final int ALERT = 21;

  /** Handshake record. */
  public static final int HANDSHAKE = 22;

  /** ApplicationData record (encrypted payload). */
  public static final int APPLICATION_DATA = 23;

  /** Heartbeat record (RFC 6520). */
  public static final int HEARTBEAT = 24;

  static final int SSL_2 = 0x0200;
  static final int TLS_10 = 0x0301;
  static final int TLS_11 = 0x0302;

  private TlsRecordTypes() {}

  /** True for the five content types Suricata parses. */
  public static boolean known(int type) {
    return type >= CHANGE_CIPHER_SPEC && type <= HEARTBEAT;
  }

  /**
   * True for a version Suricata's TLSVersionValid accepts: SSLv3 to TLS 1.3 and the TLS 1.3 drafts
   * it names.
   */
  public static boolean validVersion(int v) {
    if (v >= 0x0300 && v <= 0x0304) {
      return true;
    }
    if (v == 0x7f01 || (v >= 0x7f10 && v <= 0x7f1c)) {
      return true;
    }
    return v == 0xfb14 || v == 0xfb15 || v == 0xfb16 || v == 0xfb17 || v == 0xfb1a;
  }
}
