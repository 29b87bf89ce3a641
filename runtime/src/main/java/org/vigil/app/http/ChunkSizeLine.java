package org.vigil.app.http;

/**
 * A chunk-size line of a chunked body: the size (valid with 1 to 15 hex digits after optional
 * space) and whether anything but spaces or tabs follows the digits (an extension).
 */
record ChunkSizeLine(long size, boolean valid, boolean extension) {

  /** Reads the size line {@code c} (without its terminator). */
  static ChunkSizeLine parse(byte[] c) {
    int i = 0;
    while (i < c.length && HttpBytes.isAnySpace(c[i])) {
      i++;
    }
    long size = 0;
    int digits = 0;
    while (i < c.length && HttpBytes.isHex(c[i])) {
      size = (size << 4) | HttpBytes.hexVal(c[i]);
      i++;
      if (++digits > 15) {
        break;
      }
    }
    int j = i;
    while (j < c.length && HttpBytes.isLws(c[j])) {
      j++;
    }
    return new ChunkSizeLine(size, digits > 0 && digits <= 15, j < c.length);
  }
}
