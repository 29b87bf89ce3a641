package org.vigil.app.http.normalize;

import java.util.Set;

/**
 * Decodes UTF-8 in an already percent-decoded path into single bytes, as IIS does: overlong
 * sequences (%c0%af is "/") decode to their code point, code points above U+00FF go through
 * {@link BestFit}, and bytes that are not UTF-8 are kept as they are.
 */
public final class Utf8Decoder {

  private Utf8Decoder() {}

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
      boolean ok = need > 0 && i + need < in.length;
      for (int k = 1; ok && k <= need; k++) {
        int cb = in[i + k] & 0xff;
        if ((cb & 0xc0) != 0x80) {
          ok = false;
        } else {
          cp = (cp << 6) | (cb & 0x3f);
        }
      }
      if (!ok) {
        flags.add(UriFlag.UTF8_INVALID);
        if (out != null) {
          out[n++] = (byte) b;
        }
        i++;
        continue;
      }
      if (out == null) {
        out = new byte[in.length];
        System.arraycopy(in, 0, out, 0, i);
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
