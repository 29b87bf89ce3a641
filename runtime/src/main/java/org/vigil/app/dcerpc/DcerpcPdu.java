package org.vigil.app.dcerpc;

/**
 * Reads the common header of a connection-oriented DCE/RPC PDU (16 bytes: version 5.minor, type,
 * flags, data representation, fragment length, auth length, call id), its multi-byte fields in the
 * byte order its data representation gives.
 */
final class DcerpcPdu {
  private DcerpcPdu() {}

  /** Length of the common header. */
  static final int HEADER = 16;

  static final int REQUEST = 0;
  static final int RESPONSE = 2;
  static final int BIND = 11;
  static final int BIND_ACK = 12;
  static final int ALTER_CONTEXT = 14;
  static final int ALTER_CONTEXT_RESP = 15;

  /** pfc_flags: first fragment. */
  static final int FIRST_FRAG = 1;

  /** True when the header at {@code b[off]} says little endian. */
  static boolean little(byte[] b, int off) {
    return (b[off + 4] & 0x10) != 0;
  }

  /** True when the header's version is one Suricata parses (5.0 or 5.1). */
  static boolean validVersion(byte[] b, int off) {
    return b[off] == 5 && (b[off + 1] == 0 || b[off + 1] == 1);
  }

  static int type(byte[] b, int off) {
    return b[off + 2] & 0xFF;
  }

  static int flags(byte[] b, int off) {
    return b[off + 3] & 0xFF;
  }

  static int fragLength(byte[] b, int off) {
    return u16(b, off + 8, little(b, off));
  }

  static long callId(byte[] b, int off) {
    return u32(b, off + 12, little(b, off));
  }

  static int u16(byte[] b, int at, boolean little) {
    int x = b[at] & 0xFF;
    int y = b[at + 1] & 0xFF;
    return little ? x | y << 8 : x << 8 | y;
  }

  static long u32(byte[] b, int at, boolean little) {
    long lo = u16(b, at, little);
    long hi = u16(b, at + 2, little);
    return little ? lo | hi << 16 : lo << 16 | hi;
  }
}
