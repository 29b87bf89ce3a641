package org.vigil.app.rdp;

/**
 * A cursor over a slice of bytes for the RDP parsers, reading as a streaming parser does: a read
 * past the slice's end is {@link #INCOMPLETE} (more bytes could complete it, even when the slice is
 * a whole message whose length field says otherwise), a value the message may not hold is {@link
 * #INVALID}, a message that can never complete {@link #STALLED}.
 */
final class RdpReader {
  /** Thrown when a read needs bytes past the slice's end. */
  static final class Incomplete extends RuntimeException {
    private Incomplete() {
      super("incomplete", null, false, false);
    }
  }

  /** Thrown when the bytes are not what the message allows there. */
  static final class Invalid extends RuntimeException {
    private Invalid() {
      super("invalid", null, false, false);
    }
  }

  /**
   * Thrown when a message whose length is all there reads past its own end: a streaming parser asks
   * for more bytes that can never complete it, so its direction stays stuck on it.
   */
  static final class Stalled extends RuntimeException {
    private Stalled() {
      super("stalled", null, false, false);
    }
  }

  /** The one instance of {@link Stalled} (no stack trace). */
  static final Stalled STALLED = new Stalled();

  /** The one instance of {@link Incomplete} (no stack trace). */
  static final Incomplete INCOMPLETE = new Incomplete();

  /** The one instance of {@link Invalid} (no stack trace). */
  static final Invalid INVALID = new Invalid();

  private final byte[] b;
  private int pos;
  private final int end;

  /** A reader of {@code b[off..end)}. */
  RdpReader(byte[] b, int off, int end) {
    this.b = b;
    this.pos = off;
    this.end = end;
  }

  /** The position of the next byte. */
  int pos() {
    return pos;
  }

  /** Bytes left. */
  int left() {
    return end - pos;
  }

  /** The underlying array. */
  byte[] bytes() {
    return b;
  }

  /** Moves back (or on) to {@code p}. */
  void seek(int p) {
    pos = p;
  }

  private void need(int n) {
    if (end - pos < n) {
      throw INCOMPLETE;
    }
  }

  int u8() {
    need(1);
    return b[pos++] & 0xFF;
  }

  int u16be() {
    need(2);
    int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  int u16le() {
    need(2);
    int v = (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
    pos += 2;
    return v;
  }

  int u24be() {
    need(3);
    int v = ((b[pos] & 0xFF) << 16) | ((b[pos + 1] & 0xFF) << 8) | (b[pos + 2] & 0xFF);
    pos += 3;
    return v;
  }

  long u32le() {
    need(4);
    long v =
        (b[pos] & 0xFFL)
            | ((b[pos + 1] & 0xFFL) << 8)
            | ((b[pos + 2] & 0xFFL) << 16)
            | ((b[pos + 3] & 0xFFL) << 24);
    pos += 4;
    return v;
  }

  /** Skips {@code n} bytes, returning where they start. */
  int take(int n) {
    need(n);
    int at = pos;
    pos += n;
    return at;
  }

  /** A reader of the next {@code n} bytes (this one moves past them). */
  RdpReader sub(int n) {
    int at = take(n);
    return new RdpReader(b, at, at + n);
  }

  /** The next byte must be {@code v}; else {@link #INVALID}. */
  void expect(int v) {
    if (u8() != v) {
      throw INVALID;
    }
  }

  /**
   * Moves past the first occurrence of {@code tag}; {@link #INCOMPLETE} when the slice does not
   * hold it.
   */
  void skipPast(byte[] tag) {
    for (int i = pos; i + tag.length <= end; i++) {
      if (java.util.Arrays.equals(b, i, i + tag.length, tag, 0, tag.length)) {
        pos = i + tag.length;
        return;
      }
    }
    throw INCOMPLETE;
  }

  /**
   * Reads {@code tag} as a streaming tag: {@link #INCOMPLETE} when the slice ends inside a prefix
   * of it, {@link #INVALID} when a byte differs.
   */
  void tag(byte[] tag) {
    int n = Math.min(tag.length, end - pos);
    if (!java.util.Arrays.equals(b, pos, pos + n, tag, 0, n)) {
      throw INVALID;
    }
    if (n < tag.length) {
      throw INCOMPLETE;
    }
    pos += n;
  }
}
