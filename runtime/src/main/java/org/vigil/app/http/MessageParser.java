package org.vigil.app.http;

/**
 * The state machine shared by both directions of a connection: start line, header fields (folding,
 * bare LF, limits), Content-Length, chunked and until-close bodies, gaps and close. Subclasses give
 * the start line and what follows the headers.
 */
abstract class MessageParser {

  final HttpConfig cfg;
  final HttpConnectionParser conn;
  final boolean toServer;
  ParseState state = ParseState.START_LINE;
  HttpTransaction tx;
  long remaining;

  private final LineReader lines;
  private final ByteBuilder line;
  private boolean prevBareLf;

  /** In JUNK_LINES: the bytes up to the next LF continue an over-long line. */
  boolean junkMidLine;

  /** Whether a CR not followed by LF ends a line (responses, as libhtp). */
  boolean bareCrEndsLine;

  private final HeaderBlock headers;

  MessageParser(HttpConfig cfg, HttpConnectionParser conn, boolean toServer) {
    this.cfg = cfg;
    this.conn = conn;
    this.toServer = toServer;
    this.lines = new LineReader(cfg.maxLineLength());
    this.line = lines.line();
    this.headers = new HeaderBlock(cfg, conn, toServer);
  }

  /** Where the line being dispatched ends in the data being parsed (for the line's handlers). */
  final LineInChunk at = new LineInChunk();

  /** Parses new in-order bytes. */
  final void data(byte[] b, int off, int len) {
    int end = off + len;
    byte[] savedChunk = at.chunk();
    int savedEnd = at.chunkEnd();
    at.enter(b, end);
    try {
      parse(b, off, end);
      afterData();
    } finally {
      at.exit(savedChunk, savedEnd);
    }
  }

  private void parse(byte[] b, int off, int end) {
    while (off < end) {
      if (headers.takeBlankPending() && state == ParseState.HEADERS && b[off] != '\n') {
        headerLine(new byte[0], 0);
        continue;
      }
      switch (state) {
        case START_LINE -> {
          int r = lines.lost() == 0 ? beforeStartLine(b, off, end) : -1;
          if (r >= 0) {
            off = r;
            continue;
          }
          off = readLine(b, off, end);
        }
        case HEADERS, CHUNK_SIZE, CHUNK_DATA_END, TRAILERS -> off = readLine(b, off, end);
        case JUNK_LINES -> off = junk(b, off, end);
        case BODY_LENGTH, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, end - off);
          body(b, off, n);
          off += n;
          remaining -= n;
          if (remaining == 0) {
            if (state == ParseState.CHUNK_DATA) {
              state = ParseState.CHUNK_DATA_END;
            } else {
              endOfMessage();
            }
          }
        }
        case FINALIZE -> off = finalizeData(b, off, end);
        case BODY_CLOSE -> {
          body(b, off, end - off);
          off = end;
        }
        case WAIT_CONNECT -> {
          holdForConnect(b, off, end - off);
          off = end;
        }
        case TUNNEL, LOST, CLOSED -> {
          return;
        }
        default -> throw new IllegalStateException(state.name());
      }
    }
  }

  /**
   * Body lines of a response without a status line: read line by line (a later status line starts a
   * new response), but a line longer than the line limit goes to the body whole, not truncated.
   */
  private int junk(byte[] b, int off, int end) {
    int lf = -1;
    for (int i = off; i < end; i++) {
      if (b[i] == '\n') {
        lf = i;
        break;
      }
    }
    if (junkMidLine) {
      int stop = lf < 0 ? end : lf + 1;
      body(b, off, stop - off);
      junkMidLine = lf < 0;
      return stop;
    }
    int stop = lf < 0 ? end : lf + 1;
    if (!lines.crPending() && line.length() + (stop - off) > cfg.maxLineLength()) {
      byte[] held = line.copy(0, line.length());
      line.reset();
      body(held, 0, held.length);
      body(b, off, stop - off);
      junkMidLine = lf < 0;
      return stop;
    }
    return readLine(b, off, end);
  }

  /** Reads up to and with the end of the line into {@code line}; dispatches complete lines. */
  private int readLine(byte[] b, int off, int end) {
    // chunk-size lines and the line end after chunk data end at LF only (libhtp)
    boolean chunkLine = state == ParseState.CHUNK_DATA_END || state == ParseState.CHUNK_SIZE;
    int stop = lines.read(b, off, end, bareCrEndsLine && !chunkLine);
    if (lines.lossBegan()) {
      conn.event(
          tx, toServer ? HttpEvent.REQUEST_FIELD_TOO_LONG : HttpEvent.RESPONSE_FIELD_TOO_LONG);
    }
    switch (lines.end()) {
      case AFTER_CR -> {
        at.lineEnded(stop, false);
        finishLine();
        at.lineDone(false);
      }
      case AT_TERMINATOR -> {
        at.lineEnded(stop, true);
        finishLine();
        at.lineDone(true);
      }
      case NONE -> {}
    }
    return stop;
  }

  private void finishLine() {
    dispatchLine(line.length(), lines.lost() > 0);
    lines.reset();
  }

  private void dispatchLine(int raw, boolean truncated) {
    int len = raw;
    boolean bareLf = len > 0 && line.at(len - 1) == '\n';
    if (len > 0 && line.at(len - 1) == '\n') {
      len--;
    }
    if (len > 0 && line.at(len - 1) == '\r') {
      len--;
      bareLf = false;
    }
    boolean afterBareLf = prevBareLf;
    prevBareLf = bareLf;
    byte[] content = line.copy(0, len);
    switch (state) {
      case START_LINE -> {
        if (len == 0) {
          emptyStartLine(); // empty lines before a start line are ignored
          return;
        }
        startLine(content);
      }
      case HEADERS -> {
        // the response side reads blank-looking lines and line-end CRs as libhtp does
        byte[] c =
            bareCrEndsLine ? headers.responseLine(line, content, raw, afterBareLf, tx) : content;
        if (c != null) {
          headerLine(c, raw);
        }
      }
      case JUNK_LINES -> junkLine(content, raw);
      case CHUNK_SIZE -> {
        countFraming(raw);
        if (len > 0) {
          chunkSize(content, raw); // empty lines before a chunk size are skipped, as libhtp does
        }
      }
      case CHUNK_DATA_END -> {
        countFraming(raw);
        if (len == 0 || !toServer) {
          // a response's bytes after the chunk data up to the next LF are skipped, as libhtp does
          state = ParseState.CHUNK_SIZE;
        } else {
          chunkSize(content, raw); // data ran on past the chunk: read it as the next size line
        }
      }
      case TRAILERS -> {
        // trailer fields join the message's headers (and raw header), as libhtp does
        countFraming(raw);
        headers.keepRaw(line, raw);
        if (len == 0) {
          headers.flush(tx);
          trailerDone();
          endOfMessage();
        } else {
          headers.field(content, tx);
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  /**
   * Starts a header block for {@code t}'s message (headers go to {@code h}, raw bytes to {@code
   * raw}).
   */
  final void beginHeaders(HttpHeaders h, ByteBuilder raw) {
    headers.begin(h, raw);
    state = ParseState.HEADERS;
  }

  private void headerLine(byte[] c, int raw) {
    // response side, as libhtp: a field is stored at once unless the next byte, when already
    // there, folds a line into it
    boolean foldNext = at.rest() > 0 && HttpBytes.isFolding(at.restAt(0));
    if (headers.line(line, c, raw, tx, bareCrEndsLine && !foldNext)) {
      headersDone();
    }
  }

  private void chunkSize(byte[] c, int raw) {
    ChunkSizeLine size = ChunkSizeLine.parse(c);
    if (size.empty()) {
      return; // a line of only spaces and line ends before a chunk size is skipped (libhtp)
    }
    if (!size.valid()) {
      conn.event(
          tx,
          toServer ? HttpEvent.INVALID_REQUEST_CHUNK_LEN : HttpEvent.INVALID_RESPONSE_CHUNK_LEN);
      invalidChunking(toServer ? c : rawLine(raw));
      return;
    }
    if (size.extension()) {
      conn.event(
          tx, toServer ? HttpEvent.REQUEST_CHUNK_EXTENSION : HttpEvent.RESPONSE_CHUNK_EXTENSION);
    }
    if (size.size() == 0) {
      state = ParseState.TRAILERS;
    } else {
      remaining = size.size();
      state = ParseState.CHUNK_DATA;
    }
  }

  /** Starts the body of the current message from its framing headers. */
  final void startBody(boolean chunked, long contentLength, boolean untilClose) {
    if (chunked) {
      state = ParseState.CHUNK_SIZE;
    } else if (contentLength > 0) {
      remaining = contentLength;
      state = ParseState.BODY_LENGTH;
    } else if (untilClose) {
      state = ParseState.BODY_CLOSE;
    } else {
      endOfMessage();
    }
  }

  /** Bytes lost in this direction. */
  final void gap(long length) {
    switch (state) {
      case BODY_LENGTH, CHUNK_DATA -> {
        if (length <= remaining) {
          remaining -= length;
          bodyGap(length);
          if (remaining == 0) {
            if (state == ParseState.CHUNK_DATA) {
              state = ParseState.CHUNK_DATA_END;
            } else {
              finishBody();
            }
          }
        } else {
          bodyGap(remaining);
          state = ParseState.LOST;
        }
      }
      case BODY_CLOSE, JUNK_LINES -> bodyGap(length);
      case FINALIZE -> closeFinalize();
      case TUNNEL, LOST, CLOSED -> {}
      case START_LINE -> {
        if (lines.holdsAny()) {
          lines.reset();
          state = ParseState.LOST;
        }
        // else: the gap fell between two messages (whole messages were lost, as when a capture
        // drops a response); the next message starts parsing again, as libhtp does
      }
      default -> {
        lines.reset();
        state = ParseState.LOST;
      }
    }
  }

  /** The sender closed this direction. */
  final void close() {
    if (state == ParseState.HEADERS && headers.takeBlankPending()) {
      headerLine(new byte[0], 0);
    }
    if (state == ParseState.CHUNK_SIZE && !toServer && line.length() > 0) {
      // as libhtp: a response's chunk-size line the close cuts short is body, read as sent
      byte[] cut = rawLine(line.length());
      line.reset();
      invalidChunking(cut);
    }
    if ((state == ParseState.CHUNK_SIZE
            || state == ParseState.CHUNK_DATA_END
            || state == ParseState.TRAILERS
            || state == ParseState.JUNK_LINES)
        && line.length() > 0) {
      int raw = line.length();
      dispatchLine(raw, lines.lost() > 0);
      line.reset();
    }
    if (state == ParseState.HEADERS
        && line.length() > 0
        && headersCutByClose(rawLine(line.length()))) {
      line.reset();
      state = ParseState.CLOSED;
      return;
    }
    if (state == ParseState.START_LINE || state == ParseState.HEADERS) {
      if (line.length() > 0) {
        int raw = line.length();
        dispatchLine(raw, lines.lost() > 0);
        line.reset();
      }
      if (state == ParseState.HEADERS) {
        headers.flush(tx);
        incomplete();
        headersDone();
      }
    }
    switch (state) {
      case BODY_CLOSE, JUNK_LINES -> finishBody();
      case FINALIZE -> closeFinalize();
      case TRAILERS -> {
        // libhtp ends the trailer section at close, running its trailer hook
        trailerDone();
        incomplete();
        finishBody();
      }
      case BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END -> {
        incomplete();
        finishBody();
      }
      default -> {}
    }
    if (state != ParseState.TUNNEL) {
      state = ParseState.CLOSED;
    }
  }

  private void countFraming(int n) {
    framing(n);
  }

  /** The current message's framing says it ended (its body, or its headers when it has none). */
  void endOfMessage() {
    finishBody();
  }

  /**
   * In {@link ParseState#FINALIZE}: reads what follows a finished message; returns the offset up to
   * which it consumed {@code b}.
   */
  int finalizeData(byte[] b, int off, int end) {
    finishBody();
    return off;
  }

  /** The data of one {@link #data} call was parsed. */
  void afterData() {}

  /** An empty line where a start line is expected (it is skipped). */
  void emptyStartLine() {}

  /** In {@link ParseState#FINALIZE} when the direction closes or loses bytes. */
  void closeFinalize() {
    finishBody();
  }

  /**
   * The direction closed in the headers with {@code partial} read of a line that has no end:
   * whether that stops the message where it is, its headers never complete (response side only; it
   * may drop the line instead, {@link #partialLine()}).
   */
  boolean headersCutByClose(byte[] partial) {
    return false;
  }

  /** A line of a response that did not start with a status line (response side only). */
  void junkLine(byte[] content, int raw) {}

  /** The raw bytes of the line being dispatched, terminator included. */
  final byte[] rawLine(int raw) {
    return line.copy(0, raw);
  }

  /**
   * Called before reading (more of) a start line; returns the offset up to which it consumed {@code
   * b} itself (having changed the state), or -1 to let the line be read.
   */
  int beforeStartLine(byte[] b, int off, int end) {
    return -1;
  }

  /** The bytes of the line read so far (not yet complete). */
  final ByteBuilder partialLine() {
    return line;
  }

  /** A request or status line arrived. */
  abstract void startLine(byte[] line);

  /** The empty line after the headers arrived. */
  abstract void headersDone();

  /** Body bytes (dechunked) of the current message. */
  abstract void body(byte[] b, int off, int len);

  /** Body bytes lost in a gap. */
  abstract void bodyGap(long length);

  /** Chunk framing bytes of the current message (size lines, CRLFs, trailers). */
  void framing(int n) {}

  /** The body could not be dechunked: give up or read the rest otherwise. */
  abstract void invalidChunking(byte[] line);

  /** The body of the current message ended. */
  abstract void finishBody();

  /** The trailer section after the last chunk of the current message ended. */
  abstract void trailerDone();

  /** The message was cut short by close. */
  abstract void incomplete();

  /** Data that arrives while a CONNECT waits for its response. */
  void holdForConnect(byte[] b, int off, int len) {}
}
