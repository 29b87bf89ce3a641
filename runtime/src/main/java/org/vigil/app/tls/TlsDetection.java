package org.vigil.app.tls;

/**
 * Protocol detection of TLS as Suricata 7 registers its patterns, on any port: a client opening
 * with a handshake record header {@code 16 03 00..03}, a server opening with an alert, handshake
 * or ApplicationData record header ({@code 15|16|17 03 00..03}). SSLv2 client hellos (detected by
 * Suricata too) are not: this app layer does not parse SSLv2 records.
 */
public final class TlsDetection {
  /** The bytes a decision needs. */
  public static final int PROBE_BYTES = 3;
  /** The first bytes are TLS's. */
  public static final int MATCH = 1;
  /** The first bytes are not TLS's. */
  public static final int NO_MATCH = -1;
  /** Fewer than {@link #PROBE_BYTES} bytes were seen and they could still start TLS. */
  public static final int NEED_MORE = 0;

  private TlsDetection() {}

  /** Classifies the first {@code len} bytes of direction {@code toServer} at {@code b[off]}. */
  public static int probe(boolean toServer, byte[] b, int off, int len) {
    if (len <= 0) {
      return NEED_MORE;
    }
    int t = b[off] & 0xFF;
    boolean typeOk = toServer ? t == TlsRecordTypes.HANDSHAKE
        : t == TlsRecordTypes.ALERT || t == TlsRecordTypes.HANDSHAKE || t == TlsRecordTypes.APPLICATION_DATA;
    if (!typeOk) {
      return NO_MATCH;
    }
    if (len < 2) {
      return NEED_MORE;
    }
    if ((b[off + 1] & 0xFF) != 3) {
      return NO_MATCH;
    }
    if (len < 3) {
      return NEED_MORE;
    }
    return (b[off + 2] & 0xFF) <= 3 ? MATCH : NO_MATCH;
  }
}
