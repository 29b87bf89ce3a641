package org.vigil.detect.api;

/**
 * The heavy primitives generated rule code calls: literal search, numeric reads for
 * byte_test/byte_jump/byte_extract, base64 decoding. All offsets are relative to the start of the
 * buffer (the buffer is {@code data[base .. base+len)}), as Snort counts them.
 */
public final class Primitives {
  private Primitives() {}

  /** Returned by the read primitives when the bytes are out of range or not a number. */
  public static final long BAD = Long.MIN_VALUE;

  private static final byte[] LOWER = new byte[256];

  static {
    for (int i = 0; i < 256; i++) {
      LOWER[i] = (byte) (i >= 'A' && i <= 'Z' ? i + 32 : i);
    }
  }

  /** ASCII lower case of byte {@code b}. */
  public static byte lower(byte b) {
    return LOWER[b & 0xff];
  }

  /**
   * First start position {@code p} with {@code start <= p} and {@code p + pat.length <= end} where
   * {@code pat} occurs in the buffer, or -1. With {@code nocase}, {@code pat} must be lower case
   * and the buffer is compared ASCII-case-insensitively. The candidates for the pattern's first
   * byte are found eight buffer bytes at a time ({@link ByteScan}), then confirmed byte by byte.
   */
  public static int find(byte[] data, int base, int start, int end, byte[] pat, boolean nocase) {
    int n = pat.length;
    if (start < 0) {
      start = 0;
    }
    int last = end - n;
    if (n == 0) {
      return start <= end ? start : -1;
    }
    int first = pat[0] & 0xff;
    // with nocase a letter is found in either case: OR-ing 0x20 into every byte folds an upper-case
    // letter onto its lower case (and nothing else onto a lower-case letter)
    boolean fold = nocase && first >= 'a' && first <= 'z';
    long fold20 = fold ? ByteScan.FOLD : 0L;
    long firsts = ByteScan.broadcast(first);
    int a = base + start;
    int lastA = base + last;
    while (a <= lastA) {
      if (lastA - a >= 7) {
        long zeros = ByteScan.zeros((ByteScan.word(data, a) | fold20) ^ firsts);
        if (zeros == 0) {
          a += 8;
          continue;
        }
        a += Long.numberOfTrailingZeros(zeros) >>> 3;
      } else if (((data[a] & 0xff) | (fold ? 0x20 : 0)) != first) {
        a++;
        continue;
      }
      if (nocase ? restFolded(data, a, pat) : rest(data, a, pat)) {
        return a - base;
      }
      a++;
    }
    return -1;
  }

  /** The bytes of {@code pat} after its first equal those at {@code data[a + 1 ..]}. */
  private static boolean rest(byte[] data, int a, byte[] pat) {
    for (int j = 1; j < pat.length; j++) {
      if (data[a + j] != pat[j]) {
        return false;
      }
    }
    return true;
  }

  /** As {@link #rest}, the buffer's bytes taken in ASCII lower case. */
  private static boolean restFolded(byte[] data, int a, byte[] pat) {
    for (int j = 1; j < pat.length; j++) {
      if (LOWER[data[a + j] & 0xff] != pat[j]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads {@code nbytes} (1..8) at buffer position {@code pos} as an unsigned binary number, big or
   * little endian; {@link #BAD} when the bytes are not all inside the buffer (or when they read
   * 2^63: {@link #readFailed} tells the two apart).
   */
  public static long readBinary(
      byte[] data, int base, int len, int pos, int nbytes, boolean bigEndian) {
    if (pos < 0 || pos + nbytes > len) {
      return BAD;
    }
    long v = 0;
    int a = base + pos;
    if (bigEndian) {
      for (int i = 0; i < nbytes; i++) {
        v = (v << 8) | (data[a + i] & 0xff);
      }
    } else {
      for (int i = nbytes - 1; i >= 0; i--) {
        v = (v << 8) | (data[a + i] & 0xff);
      }
    }
    return v;
  }

  /**
   * Reads {@code nbytes} characters at {@code pos} as a number written in {@code radix} (8, 10,
   * 16), as strtoull does over those bytes (Suricata's string byte_test/byte_jump/byte_extract):
   * leading white space skipped, an optional sign ({@code -} negates modulo 2^64, so "-1" is
   * 2^64-1), a {@code 0x} prefix in hex, then digits up to the first non-digit; {@link #BAD} when
   * there is no digit or the value does not fit in 64 unsigned bits (or when the value is 2^63:
   * {@link #readFailed} tells the two apart). {@code nbytes} 0 reads up to the end of the buffer,
   * as Suricata's strtoull over the unbounded buffer does.
   */
  public static long readString(byte[] data, int base, int len, int pos, int nbytes, int radix) {
    if (pos < 0 || pos + nbytes > len) {
      return BAD;
    }
    return parse(data, base + pos, base + (nbytes == 0 ? len : pos + nbytes), radix, false);
  }

  /**
   * True when a read that gave {@link #BAD} really failed (bytes outside the buffer, no digit, past
   * 64 bits) rather than read the value 2^63, whose bits are the same; {@code radix} 0 is a binary
   * read. Generated code asks only when a read gave {@code BAD}.
   */
  public static boolean readFailed(byte[] data, int base, int len, int pos, int nbytes, int radix) {
    if (pos < 0 || pos + nbytes > len) {
      return true;
    }
    return radix != 0
        && parse(data, base + pos, base + (nbytes == 0 ? len : pos + nbytes), radix, true) == BAD;
  }

  /**
   * strtoull over {@code data[a .. end)}: the value, or {@link #BAD}; with {@code failureOnly}, 0
   * for any value.
   */
  private static long parse(byte[] data, int a, int end, int radix, boolean failureOnly) {
    while (a < end && isSpace(data[a])) {
      a++;
    }
    boolean negative = false;
    if (a < end && (data[a] == '-' || data[a] == '+')) {
      negative = data[a] == '-';
      a++;
    }
    if (radix == 16
        && a + 1 < end
        && data[a] == '0'
        && (data[a + 1] == 'x' || data[a + 1] == 'X')
        && a + 2 < end
        && Character.digit(data[a + 2], 16) >= 0) {
      a += 2;
    }
    long v = 0;
    int digits = 0;
    while (a < end) {
      int d = Character.digit(data[a] & 0xff, radix);
      if (d < 0 || (data[a] & 0xff) > 127) {
        break;
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, radix)) > 0) {
        return BAD; // past 2^64-1: strtoull's ERANGE
      }
      v = v * radix + d;
      digits++;
      a++;
    }
    if (digits == 0) {
      return BAD;
    }
    return failureOnly ? 0 : negative ? -v : v;
  }

  /** C's isspace in the "C" locale. */
  private static boolean isSpace(byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r');
  }

  /**
   * byte_math's {@code <<}: {@code v} shifted left by {@code n} bits, 0 when {@code n} (unsigned)
   * is 64 or more.
   */
  public static long shiftLeft(long v, long n) {
    return Long.compareUnsigned(n, 64) >= 0 ? 0 : v << n;
  }

  /**
   * Applies a byte_test/byte_jump bitmask: {@code (v & mask)} shifted right by the mask's trailing
   * zeros.
   */
  public static long applyMask(long v, long mask) {
    if (mask == 0) {
      return v;
    }
    return (v & mask) >>> Long.numberOfTrailingZeros(mask);
  }

  /**
   * base64_decode: decodes at most {@code maxBytes} (0: {@link Base64Decoding#DEFAULT_BYTES})
   * characters of the buffer from {@code start} with {@link Base64Decoding} into {@code
   * ctx.base64Scratch}, sets slot {@link Buffers#BASE64_DATA}, and returns true when something was
   * decoded.
   */
  public static boolean base64Decode(
      InspectionContext ctx, byte[] data, int base, int len, int start, int maxBytes) {
    int begin = Math.max(0, start);
    if (begin >= len) {
      ctx.len[Buffers.BASE64_DATA] = -1;
      return false;
    }
    int max = maxBytes > 0 ? maxBytes : Base64Decoding.DEFAULT_BYTES;
    int end = (int) Math.min(len, (long) begin + max);
    int cap = (end - begin) / 4 * 3 + 3;
    if (ctx.base64Scratch.length < cap) {
      ctx.base64Scratch = new byte[Math.max(cap, 256)];
    }
    byte[] out = ctx.base64Scratch;
    int o = Base64Decoding.decode(data, base + begin, base + end, out);
    ctx.setBuffer(Buffers.BASE64_DATA, out, 0, o);
    return o > 0;
  }

  /** sameip: the packet's source and destination addresses are equal. */
  public static boolean sameIp(InspectionContext c) {
    int n = c.ipVersion == 4 ? 4 : 16;
    return c.ipVersion != 0 && java.util.Arrays.equals(c.srcIp, 0, n, c.dstIp, 0, n);
  }
}
