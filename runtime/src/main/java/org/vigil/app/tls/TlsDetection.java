package org.vigil.app.tls;

/**
 * Protocol detection of TLS as Suricata 7 registers its patterns, on any port: a client opening
 * with a handshake record header {@code 16 03 00..03}, a server opening with an alert, handshake or
 * ApplicationData record header ({@code 15|16|17 03 00..03}); and a client opening with an SSLv2
 * client hello (top bit of the first byte, message type 1 in the third) of version 0.2 on any port,
 * or of any version towards port 443 (Suricata's probing parser on its TLS detection port).
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

  /** The server port Suricata's TLS probing parser listens on by default (detection-ports dp). */
  public static final int PROBING_PORT = 443;

  /**
   * Classifies the first {@code len} bytes of direction {@code toServer} at {@code b[off]} of a
   * connection to {@code serverPort}.
   */
  public static int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    if (len <= 0) {
      return NEED_MORE;
    }
    if (toServer && (b[off] & 0x80) != 0) {
      if (len < 3) {
        return NEED_MORE;
      }
      if ((b[off + 2] & 0xFF) != 1) {
        return NO_MATCH;
      }
      if (serverPort == PROBING_PORT) {
        return MATCH;
      }
      if (len < 5) {
        return NEED_MORE;
      }
      return b[off + 3] == 0 && b[off + 4] == 2 ? MATCH : NO_MATCH;
    }
    return probe(toServer, b, off, len);
  }

  /**
   * Classifies the first {@code len} bytes of direction {@code toServer} at {@code b[off]}
   * (SSLv3/TLS headers).
   */
  public static int probe(boolean toServer, byte[] b, int off, int len) {
    if (len <= 0) {
      return NEED_MORE;
    }
    int t = b[off] & 0xFF;
    boolean typeOk =
        toServer
            ? t == TlsRecordTypes.HANDSHAKE
            : t == TlsRecordTypes.ALERT
                || t == TlsRecordTypes.HANDSHAKE
                || t == TlsRecordTypes.APPLICATION_DATA;
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
