package org.vigil.decode;

/** Big-endian and little-endian reads from a byte array, used by every decoder layer. */
public final class Bytes {
  private Bytes() {}

  public static int u8(byte[] b, int o) {
    return b[o] & 0xff;
  }

  public static int u16(byte[] b, int o) {
    return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
  }

  public static int u32(byte[] b, int o) {
    return ((b[o] & 0xff) << 24)
        | ((b[o + 1] & 0xff) << 16)
        | ((b[o + 2] & 0xff) << 8)
        | (b[o + 3] & 0xff);
  }

  public static long u32L(byte[] b, int o) {
    return u32(b, o) & 0xffffffffL;
  }

  public static long u64(byte[] b, int o) {
    return ((long) u32(b, o) << 32) | u32L(b, o + 4);
  }

  public static int u16le(byte[] b, int o) {
    return (b[o] & 0xff) | ((b[o + 1] & 0xff) << 8);
  }

  public static int u32le(byte[] b, int o) {
    return (b[o] & 0xff)
        | ((b[o + 1] & 0xff) << 8)
        | ((b[o + 2] & 0xff) << 16)
        | ((b[o + 3] & 0xff) << 24);
  }

  /** Ones'-complement sum of 16-bit words (not folded), for Internet checksums. */
  public static long onesSum(byte[] b, int off, int len, long sum) {
    int end = off + (len & ~1);
    for (int i = off; i < end; i += 2) sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    if ((len & 1) != 0) sum += (b[off + len - 1] & 0xff) << 8;
    return sum;
  }

  /** Folds a ones'-complement sum to 16 bits and complements it (0 means a valid checksum). */
  public static int fold(long sum) {
    while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
    return (int) (~sum & 0xffff);
  }
}
