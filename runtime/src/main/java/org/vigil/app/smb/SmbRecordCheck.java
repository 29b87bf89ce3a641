package org.vigil.app.smb;

/**
 * Whether a whole NetBIOS session message is one Suricata 7's SMB parser fails on (its {@code
 * malformed_data} event, after which it parses nothing more of the flow): data that does not start
 * as an SMB header ({@code ?SMB}), an SMB1 message shorter than its 32-byte header, an SMB2 message
 * (or one of its chained messages) shorter than its 64-byte header or than the next-command offset
 * it gives, an SMB3 transform header shorter than 52 bytes plus the size it announces. Toward the
 * client, data shorter than four bytes that starts as an SMB header so far is accepted (Suricata
 * waits for more there).
 */
final class SmbRecordCheck {
  private static final int SMB1_HEADER = 32;
  private static final int SMB2_HEADER = 64;
  private static final int SMB3_TRANSFORM_HEADER = 52;

  private SmbRecordCheck() {}

  /**
   * True when Suricata's parser fails on the session message of {@code len} bytes at {@code off}.
   */
  static boolean malformed(boolean toServer, byte[] b, int off, int len) {
    if (len < 4) {
      return toServer || !smbPrefix(b, off, len);
    }
    if (b[off + 1] != 'S' || b[off + 2] != 'M' || b[off + 3] != 'B') {
      return true;
    }
    return switch (b[off] & 0xFF) {
      case 0xFF -> len < SMB1_HEADER;
      case 0xFE -> smb2Malformed(b, off, off + len);
      case 0xFD -> smb3Malformed(b, off, off + len);
      default -> false; // another version byte: Suricata reads nothing of it
    };
  }

  /** The bytes there so far (fewer than four) match an SMB header's magic. */
  private static boolean smbPrefix(byte[] b, int off, int len) {
    for (int i = 1; i < len; i++) {
      if (b[off + i] != "?SMB".charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean smb2Malformed(byte[] b, int p, int end) {
    while (p < end) {
      if (end - p < SMB2_HEADER
          || (b[p] & 0xFF) != 0xFE
          || b[p + 1] != 'S'
          || b[p + 2] != 'M'
          || b[p + 3] != 'B') {
        return true;
      }
      long headerLength = Smb2Messages.u16(b, p + 4);
      long next = Smb2Messages.u32(b, p + 20);
      if (next <= headerLength) {
        return false; // the last message: the rest is its body
      }
      long size = SMB2_HEADER + (next - headerLength);
      if (size > end - p) {
        return true;
      }
      p += (int) size;
    }
    return false;
  }

  private static boolean smb3Malformed(byte[] b, int p, int end) {
    while (p < end) {
      if (end - p < SMB3_TRANSFORM_HEADER
          || (b[p] & 0xFF) != 0xFD
          || b[p + 1] != 'S'
          || b[p + 2] != 'M'
          || b[p + 3] != 'B') {
        return true;
      }
      long size = SMB3_TRANSFORM_HEADER + Smb2Messages.u32(b, p + 36);
      if (size > end - p) {
        return true;
      }
      p += (int) size;
    }
    return false;
  }
}
