package org.vigil.app.dcerpc;

/**
 * Protocol detection of DCE/RPC over TCP as Suricata 7 does it on any port: a client's first bytes
 * are a connection-oriented PDU header of version 5.0 whose data representation is valid (integer
 * and character format bits only, a floating point format of at most 3).
 */
public final class DcerpcDetection {
  /** The bytes a decision needs: the common PDU header. */
  public static final int PROBE_BYTES = DcerpcPdu.HEADER;

  /** The first bytes are DCE/RPC's. */
  public static final int MATCH = 1;

  /** The first bytes are not DCE/RPC's. */
  public static final int NO_MATCH = -1;

  /** Too few bytes were seen and they could still start DCE/RPC. */
  public static final int NEED_MORE = 0;

  private DcerpcDetection() {}

  /** Classifies the first {@code len} bytes of direction {@code toServer} at {@code b[off]}. */
  public static int probe(boolean toServer, byte[] b, int off, int len) {
    if (!toServer) {
      return NO_MATCH; // a server's PDU would turn the flow around: not claimed
    }
    return header(b, off, len);
  }

  /**
   * Classifies the first {@code len} bytes of either direction as Suricata 7's detection pattern
   * and probe do (a version 5.0 header with a valid data representation, a request or a response).
   */
  public static int header(byte[] b, int off, int len) {
    if (len >= 1 && b[off] != 5 || len >= 2 && b[off + 1] != 0) {
      return NO_MATCH;
    }
    if (len >= 5 && (b[off + 4] & 0xEE) != 0 || len >= 6 && (b[off + 5] & 0xFF) > 3) {
      return NO_MATCH;
    }
    return len >= PROBE_BYTES ? MATCH : NEED_MORE;
  }
}
