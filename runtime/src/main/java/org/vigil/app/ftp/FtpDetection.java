package org.vigil.app.ftp;

/**
 * Protocol detection of FTP as Suricata 7 registers its patterns (case-insensitive, offset 0, any
 * port): a client opening with "USER ", "PASS ", "PORT " or "FEAT", a server opening with "220 (".
 */
public final class FtpDetection {
  /** The bytes a decision needs at most. */
  public static final int PROBE_BYTES = 5;

  /** The first bytes are FTP's. */
  public static final int MATCH = 1;

  /** The first bytes are not FTP's. */
  public static final int NO_MATCH = -1;

  /** Too few bytes were seen and they could still start an FTP pattern. */
  public static final int NEED_MORE = 0;

  private static final String[] TO_SERVER = {"USER ", "PASS ", "PORT ", "FEAT"};
  private static final String[] TO_CLIENT = {"220 ("};

  private FtpDetection() {}

  /** Classifies the first {@code len} bytes of direction {@code toServer} at {@code b[off]}. */
  public static int probe(boolean toServer, byte[] b, int off, int len) {
    boolean more = false;
    for (String pat : toServer ? TO_SERVER : TO_CLIENT) {
      int n = Math.min(len, pat.length());
      boolean prefix = true;
      for (int i = 0; i < n && prefix; i++) {
        prefix = upper(b[off + i]) == pat.charAt(i);
      }
      if (prefix && n == pat.length()) {
        return MATCH;
      }
      more |= prefix;
    }
    return more ? NEED_MORE : NO_MATCH;
  }

  static int upper(byte x) {
    int c = x & 0xFF;
    return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
  }
}
