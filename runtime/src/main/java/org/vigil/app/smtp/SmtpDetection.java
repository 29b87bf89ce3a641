package org.vigil.app.smtp;

/**
 * Protocol detection of SMTP as Suricata 7 registers its patterns: a client opening with "EHLO",
 * "HELO" or "QUIT" (any case) at offset 0, on any port. The server's greeting claims nothing.
 */
public final class SmtpDetection {
  /** The bytes a decision needs. */
  public static final int PROBE_BYTES = 4;

  /** The first bytes are SMTP's. */
  public static final int MATCH = 1;

  /** The first bytes are not SMTP's. */
  public static final int NO_MATCH = -1;

  /** Too few bytes were seen and they could still start SMTP's. */
  public static final int NEED_MORE = 0;

  private static final String[] TO_SERVER = {"EHLO", "HELO", "QUIT"};

  private SmtpDetection() {}

  /** Classifies the first {@code len} bytes of direction {@code toServer} at {@code b[off]}. */
  public static int probe(boolean toServer, byte[] b, int off, int len) {
    if (!toServer) {
      return NO_MATCH;
    }
    boolean more = false;
    for (String pat : TO_SERVER) {
      int n = Math.min(len, pat.length());
      boolean prefix = true;
      for (int i = 0; i < n && prefix; i++) {
        int c = b[off + i] & 0xFF;
        if (c >= 'a' && c <= 'z') {
          c -= 'a' - 'A';
        }
        prefix = c == pat.charAt(i);
      }
      if (prefix && n == pat.length()) {
        return MATCH;
      }
      more |= prefix;
    }
    return more ? NEED_MORE : NO_MATCH;
  }
}
