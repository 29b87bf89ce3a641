package org.vigil.detect.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of a byte array as one {@code long} (little endian, so the lowest byte is the first)
 * and the bit tricks that find a byte value in them without a branch per byte.
 */
final class ByteScan {
  private ByteScan() {}

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** 0x20 in every byte: OR-ed in, it folds ASCII upper-case letters onto lower case. */
  static final long FOLD = 0x2020202020202020L;

  /** {@code data[a .. a+8)} as a little-endian word. */
  static long word(byte[] data, int a) {
    return (long) LONGS.get(data, a);
  }

  /** Byte value {@code b} (0..255) in all eight bytes. */
  static long broadcast(int b) {
    return (b & 0xffL) * ONES;
  }

  /**
   * Non-zero when a byte of {@code w} is zero; the lowest set bit is the high bit of the first zero
   * byte (bits above it may be set for bytes that are not zero).
   */
  static long zeros(long w) {
    return (w - ONES) & ~w & HIGHS;
  }
}
