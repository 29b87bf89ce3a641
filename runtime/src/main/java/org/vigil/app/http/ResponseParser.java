package org.vigil.app.http;

import java.util.Arrays;

/**
 * Parses the server-to-client direction: status lines, interim 1xx responses, headers, bodies
 * framed by the request (HEAD, CONNECT) and the status (1xx, 204, 304), and content decoding.
 */
final class ResponseParser extends MessageParser {

  private final ResponseBodySink sink;
  private boolean interim;
  private boolean continueSeen;
  private HttpHeaders interimHeaders;
  private ByteBuilder interimRaw;
  private byte[][] interimLine;
  private int interimStatus;

  /** In FINALIZE: the bytes of a line after the message read so far (no LF yet). */
  private final ByteBuilder afterMessage = new ByteBuilder(64);

  ResponseParser(HttpConfig cfg, HttpConnectionParser conn) {
    super(cfg, conn, false);
    this.sink = new ResponseBodySink(cfg, conn);
    this.bareCrEndsLine = true;
  }

  @Override
  int beforeStartLine(byte[] b, int off, int end) {
    int tooLong = overlongJunkStartLine(b, off, end);
    if (tooLong >= 0) {
      return tooLong;
    }
    if (tx != null) {
      return -1;
    }
    HttpTransaction next = conn.peekAwaitingResponse();
    if (next == null || !next.http09) {
      return -1;
    }
    // as libhtp: the answer to an HTTP/0.9 request is a bare body up to close, a status line too
    ByteBuilder pl = partialLine();
    tx = conn.takeAwaitingResponse();
    tx.responseSeen = true;
    tx.responseHeadersDone = true;
    tx.responseBodyStarted = true;
    conn.responseHeaders(tx);
    sink.plain();
    state = ParseState.BODY_CLOSE;
    byte[] held = pl.toArray();
    pl.reset();
    body(held, 0, held.length);
    return off;
  }

  /**
   * A first line longer than the line limit that is no status line is body (junk) at once, so that
   * none of it is lost to the line limit; returns the offset consumed, or -1.
   */
  private int overlongJunkStartLine(byte[] b, int off, int end) {
    HttpTransaction next = tx == null ? conn.peekAwaitingResponse() : null;
    if (next != null && next.http09) {
      return -1; // the answer to HTTP/0.9 has its own path
    }
    ByteBuilder pl = partialLine();
    int lf = -1;
    for (int i = off; i < end; i++) {
      if (b[i] == '\n') {
        lf = i;
        break;
      }
    }
    int stop = lf < 0 ? end : lf + 1;
    if (pl.length() + (stop - off) <= cfg.maxLineLength()) {
      return -1;
    }
    byte[] head = new byte[Math.min(16, pl.length() + stop - off)];
    for (int i = 0; i < head.length; i++) {
      head[i] = i < pl.length() ? pl.at(i) : b[off + i - pl.length()];
    }
    if (startsWithHttp(head)) {
      return -1;
    }
    if (tx == null) {
      tx = conn.takeAwaitingResponse();
    }
    conn.event(tx, HttpEvent.INVALID_RESPONSE_LINE);
    tx.responseSeen = true;
    tx.responseHeadersDone = true;
    tx.responseBodyStarted = true;
    conn.responseHeaders(tx);
    sink.plain();
    state = ParseState.JUNK_LINES;
    byte[] held = pl.copy(0, pl.length());
    pl.reset();
    body(held, 0, held.length);
    body(b, off, stop - off);
    junkMidLine = lf < 0;
    return stop;
  }

  @Override
  void startLine(byte[] c) {
    if (tx == null) {
      tx = conn.takeAwaitingResponse();
      continueSeen = false;
    }
    if (!startsWithHttp(c)) {
      // as libhtp: the line is body; later lines are body too until one reads like a status line
      conn.event(tx, HttpEvent.INVALID_RESPONSE_LINE);
      tx.responseSeen = true;
      tx.responseHeadersDone = true;
      tx.responseBodyStarted = true;
      conn.responseHeaders(tx);
      state = ParseState.JUNK_LINES;
      sink.plain();
      // the line as sent, its line end (if any) included
      byte[] r = rawLine(partialLine().length());
      body(r, 0, r.length);
      junkLineDone();
      return;
    }
    int i = HttpBytes.trimStart(c, 0);
    int ps = i;
    while (i < c.length && !isSpace(c[i])) {
      i++;
    }
    byte[] protocol = Arrays.copyOfRange(c, ps, i);
    while (i < c.length && isSpace(c[i])) {
      i++;
    }
    int cs = i;
    while (i < c.length && !isSpace(c[i])) {
      i++;
    }
    byte[] code = Arrays.copyOfRange(c, cs, i);
    while (i < c.length && isSpace(c[i])) {
      i++;
    }
    byte[] msg = Arrays.copyOfRange(c, i, c.length);
    if (ResponseChecks.protocolNumber(protocol) < 0) {
      conn.event(tx, HttpEvent.RESPONSE_INVALID_PROTOCOL); // every status line, interim ones too
    }
    int status = ResponseChecks.status(code);
    if (status < 0) {
      conn.event(tx, HttpEvent.INVALID_STATUS_CODE);
    }
    if (status >= 100 && status < 200 && status != 101) {
      if (status == 100) {
        if (continueSeen) {
          conn.event(tx, HttpEvent.CONTINUE_ALREADY_SEEN);
        }
        continueSeen = true;
      }
      interim = true;
      interimHeaders = new HttpHeaders();
      interimRaw = new ByteBuilder(64);
      interimLine = new byte[][] {c, protocol, code, msg};
      interimStatus = status;
      beginHeaders(interimHeaders, interimRaw);
      return;
    }
    interim = false;
    finalStatus(
        c,
        protocol,
        code,
        msg,
        status,
        new HttpHeaders(),
        new ByteBuilder(HttpTransaction.RAW_HEADER_START));
    beginHeaders(tx.responseHeaders, tx.rawResponseHeader);
  }

  private void finalStatus(
      byte[] c,
      byte[] protocol,
      byte[] code,
      byte[] msg,
      int status,
      HttpHeaders headers,
      ByteBuilder raw) {
    tx.responseSeen = true;
    tx.responseLine = c;
    tx.responseProtocol = protocol;
    tx.statusCode = code.length == 0 ? null : code;
    tx.statusMessage = msg;
    tx.status = status;
    tx.responseHeaders = headers;
    tx.rawResponseHeader = raw;
  }

  /**
   * As libhtp: an interim response with framing headers is the final one (a 100 only when it has
   * Transfer-Encoding or a Content-Length above 0).
   */
  private boolean interimIsFinal() {
    byte[] te = interimHeaders.get("Transfer-Encoding");
    byte[] cl = interimHeaders.get("Content-Length");
    if (interimStatus == 100) {
      return te != null || (cl != null && Framing.lenientContentLength(cl) > 0);
    }
    return te != null || cl != null;
  }

  @Override
  void junkLine(byte[] content, int raw) {
    // (long lines never get here: MessageParser passes them to the body directly)
    if (startsWithHttp(content)) {
      finishBody();
      startLine(content);
      return;
    }
    byte[] r = rawLine(raw);
    body(r, 0, r.length);
    junkLineDone();
  }

  /**
   * As libhtp: a line read as body that ends the data chunk being parsed ends the response, which
   * completes with that data; a line followed by more bytes of the same data leaves it open, its
   * next lines read the same way.
   */
  private void junkLineDone() {
    if (at.endsChunk()) {
      endOfMessage();
    }
  }

  @Override
  void headersDone() {
    if (interim && interimIsFinal()) {
      interim = false;
      byte[][] l = interimLine;
      finalStatus(l[0], l[1], l[2], l[3], interimStatus, interimHeaders, interimRaw);
      interimHeaders = null;
    }
    if (interim) {
      interim = false;
      interimHeaders = null;
      state = ParseState.START_LINE;
      return;
    }
    tx.responseHeadersDone = true;
    conn.responseHeaders(tx);
    if (state != ParseState.HEADERS) {
      return;
    }
    int status = tx.status;
    byte[] method = tx.method;
    boolean connect = method != null && Framing.isMethod(method, "CONNECT");
    HttpHeaders h = tx.responseHeaders;
    byte[] te = h.get("Transfer-Encoding");
    byte[] cl = h.get("Content-Length");
    // as libhtp: a 1xx, 204 or 304 response with framing headers has the body they announce
    boolean framed = te != null || cl != null;
    if ((status == 101 && !framed) || (connect && status >= 200 && status < 300)) {
      finishResponse();
      conn.tunnel();
      return;
    }
    if (connect) {
      conn.connectRefused();
    }
    if ((method != null && Framing.isMethod(method, "HEAD"))
        || (!framed && ((status >= 100 && status < 200) || status == 204 || status == 304))) {
      endOfMessage();
      return;
    }
    boolean chunked = false;
    if (te != null) {
      // as libhtp: chunked when the value holds "chunked" anywhere (any case, NULs ignored)
      chunked = Framing.containsChunked(te);
      if (!Framing.isChunked(te)) {
        conn.event(tx, HttpEvent.INVALID_TRANSFER_ENCODING_VALUE_IN_RESPONSE);
      }
      if (chunked && ResponseChecks.protocolNumber(tx.responseProtocol) < ResponseChecks.HTTP_11) {
        conn.event(tx, HttpEvent.RESPONSE_CHUNKED_OLD_PROTO);
      }
    }
    if (!chunked && cl == null && ResponseChecks.byteranges(h)) {
      conn.event(tx, HttpEvent.RESPONSE_MULTIPART_BYTERANGES);
    }
    long len = -1;
    if (!chunked && cl != null) {
      len = Framing.lenientContentLength(cl);
      if (len < 0) {
        // libhtp stops parsing the responses of a connection at a Content-Length without digits
        conn.event(tx, HttpEvent.INVALID_CONTENT_LENGTH_FIELD_IN_RESPONSE);
        state = ParseState.LOST;
        return;
      }
    }
    tx.responseBodyStarted = chunked || len > 0 || cl == null;
    sink.start(tx, h.get("Content-Encoding"));
    tx.responseDigests = FileDigests.of(cfg.fileHashes());
    if (!chunked && len > 0 && !sink.decoding()) {
      tx.responseBody.reserve((int) Math.min(len, cfg.responseBodyLimit()));
    }
    startBody(chunked, len, !chunked && len < 0);
  }

  @Override
  void body(byte[] b, int off, int len) {
    if (len == 0) {
      return;
    }
    long filed = tx.responseFileSize;
    sink.data(tx, b, off, len);
    if (filed == 0 && tx.responseFileSize > 0 && ResponseChecks.rangeInvalid(tx)) {
      conn.event(tx, HttpEvent.RANGE_INVALID); // checked as Suricata opens the body's file
    }
  }

  @Override
  void framing(int n) {
    if (tx != null) {
      tx.responseMessageLength += n;
    }
  }

  @Override
  void bodyGap(long length) {
    sink.gap(tx, length);
  }

  @Override
  void invalidChunking(byte[] line) {
    // libhtp reads the rest of an unparseable chunked response as plain body until close
    state = ParseState.BODY_CLOSE;
    body(line, 0, line.length);
  }

  @Override
  void finishBody() {
    state = ParseState.START_LINE;
    finishResponse();
  }

  /**
   * As libhtp: a finished response completes once its data chunk ends with it; lines that follow it
   * in the same data and do not read like a status line are more of its body.
   */
  @Override
  void endOfMessage() {
    if (tx == null) {
      finishBody();
      return;
    }
    state = ParseState.FINALIZE;
    afterMessage.reset();
  }

  @Override
  int finalizeData(byte[] b, int off, int end) {
    int lf = -1;
    for (int i = off; i < end; i++) {
      if (b[i] == '\n') {
        lf = i;
        break;
      }
    }
    if (lf < 0) {
      afterMessage.append(b, off, end - off, cfg.maxLineLength() + 2);
      return end;
    }
    int held = afterMessage.length();
    afterMessage.append(b, off, lf + 1 - off, cfg.maxLineLength() + 2);
    byte[] line = afterMessage.toArray();
    afterMessage.reset();
    if (readsAsStatusLine(line)) {
      finishBody();
      // the status line is read again from its start
      partialLine().append(line, 0, held, cfg.maxLineLength() + 2);
      return off;
    }
    body(line, 0, line.length);
    return lf + 1;
  }

  @Override
  void afterData() {
    if (state == ParseState.FINALIZE && afterMessage.length() == 0) {
      finishBody();
    }
  }

  @Override
  void closeFinalize() {
    if (afterMessage.length() > 0) {
      byte[] rest = afterMessage.toArray();
      afterMessage.reset();
      if (!readsAsStatusLine(rest)) {
        body(rest, 0, rest.length);
      }
    }
    finishBody();
  }

  /**
   * As libhtp: bytes of an unended line when the server closes in the headers are handed to the
   * body before the headers were processed, which fails and stops the direction; the response stays
   * with its headers incomplete (status line and the fields so far inspectable). A status line
   * there is dropped and the response completes.
   */
  @Override
  boolean headersCutByClose(byte[] partial) {
    if (readsAsStatusLine(partial)) {
      partialLine().reset();
      return false;
    }
    return true;
  }

  /** libhtp's test for a status line: "http" in any case after spaces and NULs. */
  private static boolean readsAsStatusLine(byte[] c) {
    int i = 0;
    while (i < c.length && (HttpBytes.isAnySpace(c[i]) || c[i] == '\n' || c[i] == 0)) {
      i++;
    }
    return c.length >= i + 4
        && (c[i] | 0x20) == 'h'
        && (c[i + 1] | 0x20) == 't'
        && (c[i + 2] | 0x20) == 't'
        && (c[i + 3] | 0x20) == 'p';
  }

  private void finishResponse() {
    HttpTransaction t = tx;
    tx = null;
    sink.plain();
    if (t == null || t.responseDone) {
      return;
    }
    t.responseDone = true;
    conn.responseComplete(t);
  }

  @Override
  void trailerDone() {
    if (tx != null) {
      tx.responseTrailer = true;
    }
  }

  @Override
  void incomplete() {
    conn.event(tx, HttpEvent.RESPONSE_INCOMPLETE);
  }

  /** Stops parsing (the connection became a tunnel). */
  void tunnel() {
    if (state != ParseState.CLOSED) {
      state = ParseState.TUNNEL;
    }
  }

  /** Frees native memory. */
  void release() {
    sink.release();
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t';
  }

  private static boolean startsWithHttp(byte[] c) {
    int i = HttpBytes.trimStart(c, 0);
    return c.length - i >= 4
        && (c[i] | 0x20) == 'h'
        && (c[i + 1] | 0x20) == 't'
        && (c[i + 2] | 0x20) == 't'
        && (c[i + 3] | 0x20) == 'p';
  }
}
