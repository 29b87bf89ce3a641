package org.vigil.app.smtp;

/**
 * Suricata 7's accounting of the BDAT chunks of one SMTP connection: a chunk's mail data is counted
 * into an index that a new chunk does not reset (only RSET does), and the chunk's data ends when
 * that index reaches the chunk's size; a line that carries it past the size overruns the chunk (a
 * parser error). So a second chunk of a connection ends early, or at once, by the bytes of the
 * chunks before it.
 */
final class BdatChunks {
  /** What a BDAT command starts. */
  enum Start {
    /** Its data follows (at least one byte before the index reaches its size). */
    DATA,
    /** The index is already at or past its size: the next client line overruns it. */
    OVERRUN,
    /** Nothing after "BDAT": Suricata's parser fails. */
    INVALID
  }

  /** Bytes of chunk data read since the connection's start or the last RSET. */
  private long index;

  /** Bytes of the current chunk's data still to read. */
  private long left;

  private boolean last;

  /** The last chunk byte read (whether the chunk ended at a line end). */
  private byte lastByte = '\n';

  /**
   * A BDAT command with argument {@code arg} ("size [LAST]", stripped). The size is read as C's
   * strtoul reads it (a sign allowed, a negative one wrapping around, none without digits: 0) into
   * Suricata's 32-bit chunk length.
   */
  Start start(String arg) {
    if (arg.isEmpty()) {
      return Start.INVALID;
    }
    int i = 0;
    boolean negative = false;
    if (i < arg.length() && (arg.charAt(i) == '+' || arg.charAt(i) == '-')) {
      negative = arg.charAt(i) == '-';
      i++;
    }
    long size = 0;
    while (i < arg.length() && arg.charAt(i) >= '0' && arg.charAt(i) <= '9') {
      size = Math.min(size * 10 + (arg.charAt(i) - '0'), 0xFFFFFFFFL + 1);
      i++;
    }
    size = size > 0xFFFFFFFFL ? 0xFFFFFFFFL : negative ? (-size) & 0xFFFFFFFFL : size;
    String[] w = arg.split("[ \t]+");
    last = w.length > 1 && w[1].equalsIgnoreCase("LAST");
    left = Math.max(0, size - index);
    lastByte = '\n';
    return left == 0 ? Start.OVERRUN : Start.DATA;
  }

  /** True while the current chunk has data left to read. */
  boolean reading() {
    return left > 0;
  }

  /** How many of {@code available} bytes are the current chunk's. */
  int take(int available) {
    return (int) Math.min(available, left);
  }

  /** {@code n} chunk bytes were read, the last of them {@code lastRead}. */
  void read(int n, byte lastRead) {
    left -= n;
    index += n;
    lastByte = lastRead;
  }

  /** True when the chunk's data just ended inside a line (the line overruns it). */
  boolean overran() {
    return left == 0 && lastByte != '\n';
  }

  /** True when the chunk's data just ended and it was the LAST chunk. */
  boolean lastEnded() {
    return left == 0 && last;
  }

  /** True when the current chunk is the LAST one. */
  boolean last() {
    return last;
  }

  /** RSET: the index starts again. */
  void reset() {
    index = 0;
  }

  /** The mail ended: no chunk is being read. */
  void clear() {
    left = 0;
    last = false;
  }
}
