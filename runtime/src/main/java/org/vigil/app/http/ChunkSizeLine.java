package org.vigil.app.http;

/**
 * A chunk-size line of a chunked body, read as libhtp reads it: line-end, space, tab, VT and FF
 * before the size skipped (a line of only those is {@code empty}, skipped by the parser), the hex
 * digits that follow are the size and whatever comes after them is cut off (an extension when it
 * holds a ';'). No digit, a size that overflows or one above 2^31-1 is invalid.
 */
record ChunkSizeLine(long size, boolean valid, boolean extension, boolean empty) {

  private static final long MAX_CHUNK = Integer.MAX_VALUE;

  /** Reads the size line {@code c} (without its terminator). */
  static ChunkSizeLine parse(byte[] c) {
    int i = 0;
    while (i < c.length && isControl(c[i])) {
      i++;
    }
    if (i == c.length) {
      return new ChunkSizeLine(0, false, false, true);
    }
    long size = 0;
    int digits = 0;
    boolean overflow = false;
    while (i < c.length && HttpBytes.isHex(c[i])) {
      int d = HttpBytes.hexVal(c[i]);
      if ((Long.MAX_VALUE - d) / 16 < size) {
        overflow = true;
      } else {
        size = size * 16 + d;
      }
      digits++;
      i++;
    }
    boolean extension = false;
    for (int j = i; j < c.length; j++) {
      if (c[j] == ';') {
        extension = true;
        break;
      }
    }
    boolean valid = digits > 0 && !overflow && size <= MAX_CHUNK;
    return new ChunkSizeLine(valid ? size : 0, valid, extension, false);
  }

  private static boolean isControl(byte b) {
    return b == '\r' || b == '\n' || b == ' ' || b == '\t' || b == 0x0b || b == 0x0c;
  }
}
