package org.vigil.app.http.normalize;

import java.text.Normalizer;

/**
 * Best-fit mapping of Unicode code points U+0100-FFFF to one ASCII byte, the way Windows code page
 * 1252 best fit turns "Ā" into "A" or a full-width "／" into "/". Built once from Unicode
 * compatibility decomposition (NFKD: base character without its marks), plus the few look-alike
 * separators that have no decomposition.
 */
public final class BestFit {

  /** The byte written for a code point that has no ASCII best fit (libhtp's default '?'). */
  public static final int REPLACEMENT = '?';

  private static final byte[] TABLE = build();

  private BestFit() {}

  /** The ASCII byte for {@code codePoint}, the code point itself below U+0100, or -1 if none. */
  public static int map(int codePoint) {
    if (codePoint < 0x100) {
      return codePoint;
    }
    if (codePoint > 0xffff) {
      return -1;
    }
    int b = TABLE[codePoint];
    return b == 0 ? -1 : b;
  }

  private static byte[] build() {
    byte[] t = new byte[0x10000];
    for (int cp = 0x100; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) {
        continue;
      }
      String d = Normalizer.normalize(String.valueOf((char) cp), Normalizer.Form.NFKD);
      if (!d.isEmpty()) {
        char base = d.charAt(0);
        if (base >= 0x20 && base < 0x7f) {
          t[cp] = (byte) base;
        }
      }
    }
    t[0x2215] = '/'; // division slash
    t[0x2044] = '/'; // fraction slash
    t[0x2216] = '\\'; // set minus
    t[0x2010] = '-';
    t[0x2011] = '-';
    t[0x2013] = '-';
    t[0x2014] = '-';
    t[0x2018] = '\'';
    t[0x2019] = '\'';
    t[0x201c] = '"';
    t[0x201d] = '"';
    t[0x2039] = '<';
    t[0x203a] = '>';
    return t;
  }
}
