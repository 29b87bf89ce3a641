package org.vigil.detect.artifact;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The ASCII case folding of the literal scan ({@link LiteralScan}, {@link PrefixRuns}): upper-case
 * letters to lower case, every other byte as it is, byte by byte or eight at a time in a register.
 */
final class FoldedBytes {
  private FoldedBytes() {}

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** ASCII upper-case letters folded to lower case, as the automaton's byte classes fold them. */
  static final byte[] FOLD = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      FOLD[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }

  /** The eight bytes of {@code data} from {@code at}, big-endian, ASCII upper case folded. */
  static long foldedLong(byte[] data, int at) {
    return fold(rawLong(data, at));
  }

  /** The eight bytes of {@code data} from {@code at}, big-endian, as they are. */
  static long rawLong(byte[] data, int at) {
    return (long) LONG_BE.get(data, at);
  }

  /** The eight bytes of {@code x} with ASCII upper case folded. */
  static long fold(long x) {
    long low = x & 0x7f7f7f7f7f7f7f7fL;
    // per byte, no carry into the next: bit 7 of low + 0x3f is set from 'A' (0x41) on, bit 7 of
    // low + 0x25 from '[' (0x5b) on; a byte with bit 7 set is no letter
    long upper = (low + 0x3f3f3f3f3f3f3f3fL) & ~(low + 0x2525252525252525L) & ~x;
    return x | (upper & 0x8080808080808080L) >>> 2;
  }

  /** The four bytes of {@code b} from {@code d} as a big-endian int (zeros past its end). */
  static int window(byte[] b, int d) {
    int w = 0;
    for (int j = d; j < d + 4; j++) {
      w = w << 8 | (j < b.length ? b[j] & 0xff : 0);
    }
    return w;
  }
}
