package org.vigil.app.http;

/**
 * Assembles the line a direction is reading: bytes up to and with the next LF (or, where allowed, a
 * CR not followed by LF or CR), keeping at most the line limit plus its terminator and counting
 * what it cuts off.
 */
final class LineReader {

  /** How the last {@link #read} call ended. */
  enum End {
    /** The line goes on in later bytes. */
    NONE,
    /** A CR at the end of the previous bytes ended the line; nothing of these bytes is in it. */
    AFTER_CR,
    /** The line ended at the returned offset. */
    AT_TERMINATOR
  }

  private final ByteBuilder line = new ByteBuilder(256);
  private final int cap;
  private int lost;
  private boolean crPending;
  private boolean lossBegan;
  private End end = End.NONE;

  LineReader(int maxLineLength) {
    this.cap = maxLineLength + 2;
  }

  /** The bytes of the line kept so far. */
  ByteBuilder line() {
    return line;
  }

  /** How many bytes of the current line were cut off by the line limit. */
  int lost() {
    return lost;
  }

  /** Whether the bytes read so far end in a CR whose meaning depends on the next byte. */
  boolean crPending() {
    return crPending;
  }

  /** Whether the last {@link #read} call began cutting off the current line. */
  boolean lossBegan() {
    return lossBegan;
  }

  /** How the last {@link #read} call ended. */
  End end() {
    return end;
  }

  /** Whether anything of a line was read (kept, cut off or a pending CR). */
  boolean holdsAny() {
    return line.length() > 0 || lost > 0 || crPending;
  }

  /** Forgets the current line's bytes and losses (not a pending CR). */
  void reset() {
    line.reset();
    lost = 0;
  }

  /**
   * Reads {@code b[off..end)} into the line up to its end; returns the offset after what it read.
   * With {@code bareCr} a CR not followed by LF or CR ends the line too.
   */
  int read(byte[] b, int off, int stopAt, boolean bareCr) {
    lossBegan = false;
    end = End.NONE;
    if (crPending) {
      crPending = false;
      if (b[off] != '\r') {
        if (b[off] == '\n') {
          line.append(b, off, 1, cap);
          off++;
        }
        end = End.AFTER_CR;
        return off;
      }
    }
    int lf = -1;
    for (int i = off; i < stopAt; i++) {
      if (b[i] == '\n') {
        lf = i;
        break;
      }
      if (b[i] == '\r' && bareCr) {
        if (i + 1 < stopAt) {
          if (b[i + 1] != '\n' && b[i + 1] != '\r') {
            lf = i; // a CR alone ends the line (libhtp, response side)
            break;
          }
        } else {
          line.append(b, off, i + 1 - off, cap);
          crPending = line.length() > 0;
          return i + 1;
        }
      }
    }
    int stop = lf < 0 ? stopAt : lf + 1;
    int n = stop - off;
    int kept = line.append(b, off, n, cap);
    if (kept < n) {
      lossBegan = lost == 0;
      lost += n - kept;
    }
    if (lf >= 0) {
      end = End.AT_TERMINATOR;
    }
    return stop;
  }
}
