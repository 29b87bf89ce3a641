package org.vigil.app.http.normalize;

import java.util.Set;

/**
 * Decodes UTF-8 in an already percent-decoded path into single bytes, as IIS does: overlong
 * sequences (%c0%af is "/") decode to their code point, code points above U+00FF go through {@link
 * BestFit}, and an invalid sequence becomes the replacement byte '?' (as libhtp: a bad lead byte is
 * consumed, a bad continuation byte starts the next character); an incomplete sequence at the very
 * end is dropped, as libhtp 0.5 does.
 */
public final class Utf8Decoder {

  private Utf8Decoder() {}

  /** A fresh output array holding {@code in[0, i)}. */
  private static byte[] ensure(byte[] out, byte[] in, int i) {
    byte[] r = new byte[in.length];
    System.arraycopy(in, 0, r, 0, i);
    return r;
  }

  /** Returns the decoded path (a new array, or {@code in} if nothing changed). */
  public static byte[] decode(byte[] in, Set<UriFlag> flags) {
    byte[] out = null;
    int n = 0;
    for (int i = 0; i < in.length; ) {
      int b = in[i] & 0xff;
      int need;
      int cp;
      int min;
      if (b < 0x80) {
        if (out != null) {
          out[n++] = (byte) b;
        }
        i++;
        continue;
      } else if (b >= 0xc0 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
        min = 0x80;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        cp = b & 0x0f;
        min = 0x800;
      } else if (b >= 0xf0 && b <= 0xf7) {
        need = 3;
        cp = b & 0x07;
        min = 0x10000;
      } else {
        need = -1;
        cp = 0;
        min = 0;
      }
      if (need < 0) {
        // not a lead byte: replaced and consumed
        flags.add(UriFlag.UTF8_INVALID);
        if (out == null) {
          out = ensure(null, in, i);
          n = i;
        }
        out[n++] = (byte) BestFit.REPLACEMENT;
        i++;
        continue;
      }
      int k = 1;
      boolean ok = true;
      for (; k <= need; k++) {
        if (i + k >= in.length) {
          ok = false;
          break;
        }
        int cb = in[i + k] & 0xff;
        if ((cb & 0xc0) != 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (cb & 0x3f);
      }
      if (!ok) {
        if (out == null) {
          out = ensure(null, in, i);
          n = i;
        }
        if (i + k >= in.length) {
          // incomplete at the end: dropped
          return PathDecoder.trim(out, n);
        }
        flags.add(UriFlag.UTF8_INVALID);
        out[n++] = (byte) BestFit.REPLACEMENT;
        i += k; // the offending byte starts the next character
        continue;
      }
      if (out == null) {
        out = ensure(null, in, i);
        n = i;
      }
      if (cp < min) {
        flags.add(UriFlag.UTF8_OVERLONG);
      } else {
        flags.add(UriFlag.UTF8_VALID);
      }
      if (cp >= 0xff00 && cp <= 0xffff) {
        flags.add(UriFlag.HALF_FULL_RANGE);
      }
      int m = BestFit.map(cp);
      if (m < 0) {
        flags.add(UriFlag.BESTFIT_REPLACED);
        m = BestFit.REPLACEMENT;
      }
      out[n++] = (byte) m;
      i += need + 1;
    }
    return out == null ? in : PathDecoder.trim(out, n);
  }
}
