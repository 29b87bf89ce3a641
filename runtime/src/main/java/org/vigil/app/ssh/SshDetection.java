package org.vigil.app.ssh;

/**
 * Protocol detection of SSH, as Suricata 7 registers it: the pattern "SSH-" (case-insensitive) at
 * offset 0 of either direction's stream, on any port.
 */
public final class SshDetection {
  /** The bytes a decision needs. */
  public static final int PROBE_BYTES = 4;

  /** The first bytes are SSH's. */
  public static final int MATCH = 1;

  /** The first bytes are not SSH's. */
  public static final int NO_MATCH = -1;

  /** Fewer than {@link #PROBE_BYTES} bytes were seen and they could still start SSH's. */
  public static final int NEED_MORE = 0;

  private static final byte[] PATTERN = {'S', 'S', 'H', '-'};

  private SshDetection() {}

  /** Classifies the first {@code len} bytes of a direction at {@code b[off]}. */
  public static int probe(byte[] b, int off, int len) {
    int n = Math.min(len, PROBE_BYTES);
    for (int i = 0; i < n; i++) {
      int c = b[off + i] & 0xFF;
      if (c >= 'a' && c <= 'z') {
        c -= 'a' - 'A';
      }
      if (c != PATTERN[i]) {
        return NO_MATCH;
      }
    }
    return n == PROBE_BYTES ? MATCH : NEED_MORE;
  }
}
