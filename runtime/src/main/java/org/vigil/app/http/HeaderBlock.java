package org.vigil.app.http;

/**
 * The header (or trailer) block of the message being parsed: its fields, its raw bytes, and
 * libhtp's reading of response header lines that look blank.
 */
final class HeaderBlock {

  private final HttpConfig cfg;
  private final HttpConnectionParser conn;
  private final FieldParser fields;
  private ByteBuilder rawHeader;
  private boolean blankPending;

  HeaderBlock(HttpConfig cfg, HttpConnectionParser conn, boolean toServer) {
    this.cfg = cfg;
    this.conn = conn;
    this.fields = new FieldParser(cfg, conn, toServer);
  }

  /** Starts a block whose fields go to {@code h} and raw bytes to {@code raw} (null: not kept). */
  void begin(HttpHeaders h, ByteBuilder raw) {
    rawHeader = raw;
    fields.begin(h);
  }

  /** Keeps the first {@code raw} bytes of {@code line} (the line as sent) in the raw block. */
  void keepRaw(ByteBuilder line, int raw) {
    if (rawHeader != null) {
      line.copyTo(rawHeader, raw, cfg.maxRawHeaderBytes());
    }
  }

  /** A non-empty field line (without its line end). */
  void field(byte[] c, HttpTransaction tx) {
    fields.line(c, tx);
  }

  /** Stores the field still open to folding. */
  void flush(HttpTransaction tx) {
    fields.flush(tx);
  }

  /**
   * Whether a line of only spaces or tabs was read and waits for the next byte to tell whether it
   * ends the headers (cleared by this call).
   */
  boolean takeBlankPending() {
    boolean p = blankPending;
    blankPending = false;
    return p;
  }

  /**
   * A header line ({@code c}, without its line end; empty ends the block) whose first {@code raw}
   * bytes of {@code line} are the line as sent; {@code storeAtOnce}: the field is stored now, no
   * fold can follow. Returns whether the block ended.
   */
  boolean line(ByteBuilder line, byte[] c, int raw, HttpTransaction tx, boolean storeAtOnce) {
    keepRaw(line, raw);
    if (c.length == 0) {
      fields.flush(tx);
      return true;
    }
    fields.line(c, tx);
    if (storeAtOnce) {
      fields.flush(tx);
    }
    return false;
  }

  /**
   * A response header line read as libhtp does ({@code content} is {@code line} without its line
   * end, {@code afterBareLf} whether the line before ended in a bare LF): returns the header line
   * to read (empty: the end of the headers), or null when the line is kept raw only.
   */
  byte[] responseLine(
      ByteBuilder line, byte[] content, int raw, boolean afterBareLf, HttpTransaction tx) {
    boolean lwsLf = raw == 2 && HttpBytes.isLws(line.at(0)) && line.at(1) == '\n';
    if (content.length > 0 && (lwsLf || HttpBytes.allCr(content))) {
      // a line of only CRs ends the headers after a bare-LF line and is ignored otherwise; a line
      // of only spaces or tabs ends them
      boolean crs = true;
      for (byte x : content) {
        crs &= x == '\r';
      }
      if (crs && !afterBareLf) {
        conn.event(tx, HttpEvent.RESPONSE_HEADER_INVALID);
        keepRaw(line, raw);
        return null;
      }
      if (crs) {
        return new byte[0];
      }
      // spaces only: the end of the headers unless a line end follows at once (then a fold)
      keepRaw(line, raw);
      blankPending = true;
      return null;
    }
    // every CR before the line end is cut off
    byte[] c = content;
    while (c.length > 1 && c[c.length - 1] == '\r') {
      c = java.util.Arrays.copyOf(c, c.length - 1);
    }
    return c;
  }
}
