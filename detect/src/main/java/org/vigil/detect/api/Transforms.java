package org.vigil.detect.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Suricata's buffer transforms, applied by rule code to a sticky buffer before its options inspect
 * it: a rule's transforms are packed in order into one {@code long} program, 5 bits per step (first
 * step in the low bits, 0 ends it).
 */
public final class Transforms {
  private Transforms() {}

  public static final int DOTPREFIX = 1;
  public static final int STRIP_WHITESPACE = 2;
  public static final int COMPRESS_WHITESPACE = 3;
  public static final int TO_LOWERCASE = 4;
  public static final int TO_UPPERCASE = 5;
  public static final int URL_DECODE = 6;
  public static final int TO_MD5 = 7;
  public static final int TO_SHA1 = 8;
  public static final int TO_SHA256 = 9;
  public static final int HEADER_LOWERCASE = 10;

  /** Bits per step of a program. */
  public static final int STEP_BITS = 5;

  /** At most this many steps fit a program. */
  public static final int MAX_STEPS = 12;

  /** The bytes {@code data[off, off+len)} after every step of {@code program}, a new array. */
  public static byte[] apply(long program, byte[] data, int off, int len) {
    byte[] b = java.util.Arrays.copyOfRange(data, off, off + len);
    for (long p = program; p != 0; p >>>= STEP_BITS) {
      b = step((int) (p & ((1 << STEP_BITS) - 1)), b);
    }
    return b;
  }

  private static byte[] step(int kind, byte[] b) {
    return switch (kind) {
      case DOTPREFIX -> {
        byte[] o = new byte[b.length + 1];
        o[0] = '.';
        System.arraycopy(b, 0, o, 1, b.length);
        yield o;
      }
      case STRIP_WHITESPACE -> whitespace(b, false);
      case COMPRESS_WHITESPACE -> whitespace(b, true);
      case TO_LOWERCASE -> mapCase(b, true);
      case TO_UPPERCASE -> mapCase(b, false);
      case URL_DECODE -> urlDecode(b);
      case TO_MD5 -> digest("MD5", b);
      case TO_SHA1 -> digest("SHA-1", b);
      case TO_SHA256 -> digest("SHA-256", b);
      case HEADER_LOWERCASE -> headerLowercase(b);
      default -> throw new IllegalArgumentException("unknown transform " + kind);
    };
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
  }

  /** strip_whitespace drops every whitespace byte; compress_whitespace keeps one of each run. */
  private static byte[] whitespace(byte[] b, boolean compress) {
    byte[] o = new byte[b.length];
    int n = 0;
    boolean prevSpace = false;
    for (byte c : b) {
      if (isSpace(c)) {
        if (compress && !prevSpace) {
          o[n++] = c;
        }
        prevSpace = true;
      } else {
        o[n++] = c;
        prevSpace = false;
      }
    }
    return java.util.Arrays.copyOf(o, n);
  }

  private static byte[] mapCase(byte[] b, boolean lower) {
    byte[] o = b.clone();
    for (int i = 0; i < o.length; i++) {
      int c = o[i];
      if (lower && c >= 'A' && c <= 'Z') {
        o[i] = (byte) (c + 32);
      } else if (!lower && c >= 'a' && c <= 'z') {
        o[i] = (byte) (c - 32);
      }
    }
    return o;
  }

  /** Header names (before the first ':' of each line) lower-cased, values unchanged. */
  private static byte[] headerLowercase(byte[] b) {
    byte[] o = b.clone();
    boolean inName = true;
    for (int i = 0; i < o.length; i++) {
      int c = o[i];
      if (c == '\n') {
        inName = true;
      } else if (c == ':') {
        inName = false;
      } else if (inName && c >= 'A' && c <= 'Z') {
        o[i] = (byte) (c + 32);
      }
    }
    return o;
  }

  private static int hex(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  /** %XX decoded, '+' to space; a '%' not followed by two hex digits stays. */
  private static byte[] urlDecode(byte[] b) {
    byte[] o = new byte[b.length];
    int n = 0;
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      if (c == '%' && i + 2 < b.length + 0 && i + 2 <= b.length - 1) {
        int h = hex(b[i + 1]);
        int l = hex(b[i + 2]);
        if (h >= 0 && l >= 0) {
          o[n++] = (byte) (h << 4 | l);
          i += 2;
          continue;
        }
      }
      o[n++] = c == '+' ? (byte) ' ' : c;
    }
    return java.util.Arrays.copyOf(o, n);
  }

  private static byte[] digest(String algorithm, byte[] b) {
    try {
      return MessageDigest.getInstance(algorithm).digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }
}
