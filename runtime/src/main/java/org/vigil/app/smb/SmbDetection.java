package org.vigil.app.smb;

/**
 * Protocol detection of SMB over TCP, as Suricata 7 registers it on any port: a NetBIOS session
 * message header (type 0) followed by the SMB1, SMB2 or encrypted SMB3 magic ({@code \xffSMB},
 * {@code \xfeSMB}, {@code \xfdSMB}) at offset 4 of either direction's stream. Suricata gives SMB
 * sessions an unlimited reassembly depth; Vigil has no SMB parser beyond this detection.
 */
public final class SmbDetection {
  /** The bytes a decision needs. */
  public static final int PROBE_BYTES = 8;

  /** The first bytes are SMB's. */
  public static final int MATCH = 1;

  /** The first bytes are not SMB's. */
  public static final int NO_MATCH = -1;

  /** Fewer than {@link #PROBE_BYTES} bytes were seen and they could still start SMB's. */
  public static final int NEED_MORE = 0;

  private SmbDetection() {}

  /** Classifies the first {@code len} bytes of a direction at {@code b[off]}. */
  public static int probe(byte[] b, int off, int len) {
    int n = Math.min(len, PROBE_BYTES);
    for (int i = 0; i < n; i++) {
      int c = b[off + i] & 0xFF;
      boolean ok =
          switch (i) {
            case 0 -> c == 0x00; // NBSS session message
            case 4 -> c == 0xFF || c == 0xFE || c == 0xFD;
            case 5 -> c == 'S';
            case 6 -> c == 'M';
            case 7 -> c == 'B';
            default -> true; // NBSS flags and length
          };
      if (!ok) {
        return NO_MATCH;
      }
    }
    return n == PROBE_BYTES ? MATCH : NEED_MORE;
  }
}
