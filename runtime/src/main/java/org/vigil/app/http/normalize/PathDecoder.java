package org.vigil.app.http.normalize;

import java.util.Set;

/**
 * One percent-decoding pass over a URI path: %XX, %uHHHH (when enabled), encoded separators,
 * backslashes, NUL handling, case folding and slash compression, in libhtp's order.
 */
public final class PathDecoder {

  private PathDecoder() {}

  /** Decodes {@code in[off, off+len)} and returns the decoded path (a new array). */
  public static byte[] decode(
      byte[] in, int off, int len, NormalizerOptions o, Set<UriFlag> flags) {
    byte[] out = new byte[len];
    int n = 0;
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = in[i] & 0xff;
      if (c == '%') {
        if (i + 1 < end && (in[i + 1] == 'u' || in[i + 1] == 'U') && o.uDecode()) {
          if (i + 5 < end
              && isHex(in[i + 2])
              && isHex(in[i + 3])
              && isHex(in[i + 4])
              && isHex(in[i + 5])) {
            int hi = hex2(in[i + 2], in[i + 3]);
            int lo = hex2(in[i + 4], in[i + 5]);
            flags.add(UriFlag.U_ENCODING);
            if (hi == 0) {
              flags.add(UriFlag.OVERLONG_U);
              c = lo;
            } else {
              if (hi == 0xff) {
                flags.add(UriFlag.HALF_FULL_RANGE);
              }
              c = BestFit.map((hi << 8) | lo);
              if (c < 0) {
                flags.add(UriFlag.BESTFIT_REPLACED);
                c = BestFit.REPLACEMENT;
              }
            }
            int r = decoded(in, i, 6, c, o, flags, out, n);
            if (r < 0) {
              return trim(out, -r - 1);
            }
            n = r;
            i += 6;
            continue;
          }
          flags.add(UriFlag.INVALID_ENCODING);
          int r = invalid(in, i, end, o, out, n, flags);
          if (r < 0) {
            return trim(out, -r - 1);
          }
          i += (o.invalidEncoding() == InvalidEncoding.PROCESS_INVALID && i + 2 < end) ? 3 : 1;
          n = r;
          continue;
        }
        if (i + 2 < end && isHex(in[i + 1]) && isHex(in[i + 2])) {
          c = hex2(in[i + 1], in[i + 2]);
          int r = decoded(in, i, 3, c, o, flags, out, n);
          if (r < 0) {
            return trim(out, -r - 1);
          }
          n = r;
          i += 3;
          continue;
        }
        flags.add(UriFlag.INVALID_ENCODING);
        int r = invalid(in, i, end, o, out, n, flags);
        if (r < 0) {
          return trim(out, -r - 1);
        }
        i += (o.invalidEncoding() == InvalidEncoding.PROCESS_INVALID && i + 2 < end) ? 3 : 1;
        n = r;
        continue;
      }
      if (c == 0) {
        flags.add(UriFlag.RAW_NUL);
        if (o.nulRawTerminates()) {
          return trim(out, n);
        }
      }
      n = emit(c, o, out, n);
      i++;
    }
    return trim(out, n);
  }

  /** Handles a decoded byte; returns the new length, or -(length+1) when the path ends here. */
  private static int decoded(
      byte[] in,
      int at,
      int escLen,
      int c,
      NormalizerOptions o,
      Set<UriFlag> flags,
      byte[] out,
      int n) {
    if (c == 0) {
      flags.add(UriFlag.ENCODED_NUL);
      if (o.nulEncodedTerminates()) {
        return -(n + 1);
      }
    }
    if (c == '/' || (c == '\\' && o.backslashSeparators())) {
      flags.add(UriFlag.ENCODED_SEPARATOR);
      if (!o.decodeSeparators()) {
        System.arraycopy(in, at, out, n, escLen);
        return n + escLen;
      }
    }
    return emit(c, o, out, n);
  }

  /** Handles an invalid escape at {@code in[i]}. */
  private static int invalid(
      byte[] in, int i, int end, NormalizerOptions o, byte[] out, int n, Set<UriFlag> flags) {
    switch (o.invalidEncoding()) {
      case PRESERVE_PERCENT -> {
        out[n++] = '%';
        return n;
      }
      case REMOVE_PERCENT -> {
        return n;
      }
      case PROCESS_INVALID -> {
        if (i + 2 < end) {
          int c = (lenientHex(in[i + 1]) << 4) | lenientHex(in[i + 2]);
          return decoded(in, i, 3, c & 0xff, o, flags, out, n);
        }
        out[n++] = '%';
        return n;
      }
      default -> throw new IllegalStateException();
    }
  }

  private static int emit(int c, NormalizerOptions o, byte[] out, int n) {
    if (c == '\\' && o.backslashSeparators()) {
      c = '/';
    }
    if (o.lowercase() && c >= 'A' && c <= 'Z') {
      c += 32;
    }
    if (c == '/' && o.compressSeparators() && n > 0 && out[n - 1] == '/') {
      return n;
    }
    out[n++] = (byte) c;
    return n;
  }

  static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  static int hexVal(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return b - 'A' + 10;
  }

  static int hex2(byte a, byte b) {
    return (hexVal(a) << 4) | hexVal(b);
  }

  /**
   * IIS-style: any character is taken as a "hex digit" by its low bits after subtracting as hex.
   */
  private static int lenientHex(byte b) {
    if (isHex(b)) {
      return hexVal(b);
    }
    return (b - 'A' + 10) & 0x0f;
  }

  static byte[] trim(byte[] a, int n) {
    if (a.length == n) {
      return a;
    }
    byte[] r = new byte[n];
    System.arraycopy(a, 0, r, 0, n);
    return r;
  }
}
