package org.vigil.app.tls;

/**
 * The bytes of the internal TLS state buffer ({@code Buffers.TLS_STATE}) that the compiler lowers
 * {@code ssl_state}, {@code ssl_version} and {@code tls.version} onto: byte 0 the {@link
 * TlsSession#currentFlags()}, bytes 1-2 the inspected direction's version, byte 3 that version's
 * ssl_version bit (sslv2 1, sslv3 2, tls1.0 4, tls1.1 8, tls1.2 16, tls1.3 32 with its drafts; 0
 * for another version), bytes 4-5 the version with TLS 1.3 drafts as 0x0304.
 */
public final class TlsStateBytes {
  /** The buffer's length. */
  public static final int LENGTH = 6;

  private TlsStateBytes() {}

  /** Writes the state of {@code session} seen from direction {@code toServer} into {@code out}. */
  public static void fill(TlsSession session, boolean toServer, byte[] out) {
    int v = session.version(toServer);
    int norm = (v >> 8) == 0x7f ? 0x0304 : v;
    out[0] = (byte) session.currentFlags();
    out[1] = (byte) (v >> 8);
    out[2] = (byte) v;
    out[3] = (byte) versionBit(v);
    out[4] = (byte) (norm >> 8);
    out[5] = (byte) norm;
  }

  /** The ssl_version bit of version {@code v}, 0 for a version ssl_version does not name. */
  static int versionBit(int v) {
    return switch (v) {
      case 0x0200 -> 1;
      case 0x0300 -> 2;
      case 0x0301 -> 4;
      case 0x0302 -> 8;
      case 0x0303 -> 16;
      case 0x0304, 0x7f01 -> 32;
      default -> v >= 0x7f10 && v <= 0x7f1c ? 32 : 0;
    };
  }
}
