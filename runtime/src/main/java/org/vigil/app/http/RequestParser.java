package org.vigil.app.http;

import java.util.Arrays;
import java.util.EnumSet;
import org.vigil.app.http.normalize.UriFlag;
import org.vigil.app.http.normalize.UriNormalizer;

/** Parses the client-to-server direction: request lines (HTTP/0.9 to 1.1), headers and bodies. */
final class RequestParser extends MessageParser {

  /**
   * libhtp's HTTP09_MAX_JUNK_LEN: the most bytes after a protocol-less request line that may still
   * be junk.
   */
  private static final int HTTP09_MAX_JUNK_LEN = 16;

  private final ByteBuilder connectHold = new ByteBuilder(64);

  /**
   * A CONNECT request waiting to be finalized (libhtp's REQ_CONNECT_WAIT_RESPONSE): once refused,
   * it is finalized only when request data is parsed again.
   */
  private HttpTransaction connectPending;

  /**
   * The request that just ended while its data chunk goes on (libhtp's REQ_FINALIZE): each line
   * that follows in that data and starts with no known method is more of its body; null when none.
   */
  private HttpTransaction finalizing;

  /**
   * The transaction libhtp opens for the first byte after a finished request (REQ_IDLE): an empty
   * line opens it, the next request line fills it; one that no request line filled is logged as it
   * is at the flow's end, as Suricata logs it. Null when none is open.
   */
  private HttpTransaction idle;

  /** The bytes read so far of a line after {@link #finalizing} (no LF yet). */
  private final ByteBuilder afterRequest = new ByteBuilder(64);

  RequestParser(HttpConfig cfg, HttpConnectionParser conn) {
    super(cfg, conn, true);
  }

  @Override
  void emptyStartLine() {
    if (idle == null) {
      idle = conn.newTransaction();
    }
  }

  @Override
  void startLine(byte[] c) {
    tx = idle != null ? idle : conn.newTransaction();
    idle = null;
    int i = 0;
    if (c.length > 0 && HttpBytes.isLws(c[0])) {
      conn.event(tx, HttpEvent.REQUEST_LINE_LEADING_WHITESPACE);
      i = HttpBytes.trimStart(c, 0);
    }
    int ms = i;
    while (i < c.length && !isSpace(c[i])) {
      i++;
    }
    byte[] method = Arrays.copyOfRange(c, ms, i);
    int ws = i;
    while (i < c.length && isSpace(c[i])) {
      i++;
    }
    if (i - ws > 1 || (ws < c.length && c[ws] != ' ')) {
      conn.event(tx, HttpEvent.METHOD_DELIM_NON_COMPLIANT);
    }
    int us = i;
    while (i < c.length && !isSpace(c[i])) {
      i++;
    }
    byte[] uri = Arrays.copyOfRange(c, us, i);
    int uws = i;
    while (i < c.length && isSpace(c[i])) {
      i++;
    }
    if (i - uws > 1 || (uws < c.length && c[uws] != ' ')) {
      conn.event(tx, HttpEvent.URI_DELIM_NON_COMPLIANT);
    }
    int pe = c.length;
    while (pe > i && isSpace(c[pe - 1])) {
      pe--;
    }
    byte[] protocol = i < pe ? Arrays.copyOfRange(c, i, pe) : null;
    tx.requestLine = c;
    tx.method = method;
    tx.rawUri = uri.length == 0 ? null : uri;
    tx.requestProtocol = protocol;
    if (method.length == 0 || uri.length == 0) {
      conn.event(tx, HttpEvent.REQUEST_LINE_INVALID);
    }
    normalize();
    if (protocol == null && !looksLikeHeadersFollow()) {
      // HTTP/0.9: a request line and nothing else
      conn.event(tx, HttpEvent.REQUEST_LINE_MISSING_PROTOCOL);
      tx.http09 = true;
      tx.requestHeadersDone = true;
      conn.requestHeaders(tx);
      finishBody();
      return;
    }
    if (protocol != null && !startsWithHttp(protocol)) {
      conn.event(tx, HttpEvent.REQUEST_LINE_INVALID);
    }
    beginHeaders(tx.requestHeaders, tx.rawRequestHeader);
  }

  /**
   * A request line without a protocol is HTTP/0.9 unless, as libhtp probes, more than 16 bytes or
   * any non-space byte follow it in the same data chunk (then its headers are parsed).
   */
  private boolean looksLikeHeadersFollow() {
    int rest = at.rest();
    if (rest > HTTP09_MAX_JUNK_LEN) {
      return true;
    }
    for (int i = 0; i < rest; i++) {
      byte c = at.restAt(i);
      if (!HttpBytes.isAnySpace(c) && c != '\n') {
        return true;
      }
    }
    return false;
  }

  private void normalize() {
    if (tx.rawUri == null) {
      return;
    }
    EnumSet<UriFlag> flags = EnumSet.noneOf(UriFlag.class);
    tx.normalizedUri = UriNormalizer.normalize(tx.rawUri, conn.uriOptions(), flags);
    for (UriFlag f : flags) {
      HttpEvent e =
          switch (f) {
            case INVALID_ENCODING -> HttpEvent.URI_ENCODING_INVALID;
            case ENCODED_SEPARATOR -> HttpEvent.URI_ENCODED_SEPARATOR;
            case ENCODED_NUL -> HttpEvent.URI_ENCODED_NUL;
            case RAW_NUL -> HttpEvent.URI_RAW_NUL;
            case U_ENCODING -> HttpEvent.URI_U_ENCODING;
            case OVERLONG_U -> HttpEvent.URI_OVERLONG_U;
            case HALF_FULL_RANGE -> HttpEvent.URI_HALF_FULL_RANGE;
            case UTF8_OVERLONG -> HttpEvent.URI_UTF8_OVERLONG;
            case UTF8_INVALID -> HttpEvent.URI_UTF8_INVALID;
            case DOUBLE_ENCODED -> HttpEvent.URI_DOUBLE_ENCODED;
            case ABOVE_ROOT -> HttpEvent.URI_ABOVE_ROOT;
            default -> null;
          };
      if (e != null) {
        conn.event(tx, e);
      }
    }
  }

  /** Whether an Authorization value starts with a scheme libhtp parses (any case). */
  private static boolean authRecognized(byte[] v) {
    String s =
        new String(v, 0, Math.min(v.length, 6), java.nio.charset.StandardCharsets.ISO_8859_1);
    String l = s.toLowerCase(java.util.Locale.ROOT);
    return l.startsWith("basic") || l.startsWith("digest") || l.startsWith("bearer");
  }

  @Override
  void headersDone() {
    tx.requestHeadersDone = true;
    HttpHeaders h = tx.requestHeaders;
    if (h.get("Host") == null
        && tx.requestProtocol != null
        && new String(tx.requestProtocol, java.nio.charset.StandardCharsets.ISO_8859_1)
            .equalsIgnoreCase("HTTP/1.1")) {
      conn.event(tx, HttpEvent.MISSING_HOST_HEADER);
    }
    HostChecks.check(tx, conn);
    byte[] auth = h.get("Authorization");
    if (auth != null && !authRecognized(auth)) {
      conn.event(tx, HttpEvent.REQUEST_AUTH_UNRECOGNIZED);
    }
    conn.requestHeaders(tx);
    if (state != ParseState.HEADERS) {
      return; // closed or tunnelled from the callback
    }
    byte[] te = h.get("Transfer-Encoding");
    byte[] cl = h.get("Content-Length");
    boolean chunked = false;
    if (te != null) {
      chunked = Framing.isChunked(te);
      if (!chunked) {
        conn.event(tx, HttpEvent.INVALID_TRANSFER_ENCODING_VALUE_IN_REQUEST);
      } else if (cl != null) {
        conn.event(tx, HttpEvent.REQUEST_SMUGGLING);
      }
    }
    long len = 0;
    if (!chunked && cl != null) {
      // as libhtp: anything before the first digit skipped, anything after the digits ignored
      len = Framing.lenientContentLength(cl);
      if (len < 0) {
        conn.event(tx, HttpEvent.INVALID_CONTENT_LENGTH_FIELD_IN_REQUEST);
        len = 0;
      }
    }
    if (len > 0) {
      tx.requestBody.reserve((int) Math.min(len, cfg.requestBodyLimit()));
    }
    tx.requestDigests = FileDigests.of(cfg.fileHashes());
    startBody(chunked, len, false);
  }

  @Override
  void endOfMessage() {
    HttpTransaction t = tx;
    finishBody();
    if (state == ParseState.START_LINE && t != null) {
      finalizing = t;
      afterRequest.reset();
    }
  }

  /**
   * After a request, as libhtp probes the lines that follow it in the same data: a line whose first
   * word is a known method (or an empty line) ends the probing and is read as usual; any other line
   * and its LF are the finished request's body ({@link HttpEvent#REQUEST_BODY_UNEXPECTED} unless it
   * is blank).
   */
  @Override
  int beforeStartLine(byte[] b, int off, int end) {
    if (finalizing == null) {
      return -1;
    }
    int lf = off;
    while (lf < end && b[lf] != '\n') {
      lf++;
    }
    if (lf == end) {
      afterRequest.append(b, off, end - off, cfg.maxLineLength() + 2);
      return end;
    }
    int held = afterRequest.length();
    afterRequest.append(b, off, lf - off, cfg.maxLineLength() + 2);
    byte[] line = afterRequest.toArray();
    afterRequest.reset();
    int i = 0;
    while (i < line.length && HttpBytes.isAnySpace(line[i])) {
      i++;
    }
    int word = i;
    while (i < line.length && !HttpBytes.isAnySpace(line[i])) {
      i++;
    }
    if (line.length == 0 || (i > word && HttpProbe.knownMethod(line, word, i))) {
      finalizing = null;
      partialLine().append(line, 0, held, cfg.maxLineLength() + 2);
      return off;
    }
    HttpTransaction t = finalizing;
    if (i > word) {
      conn.event(t, HttpEvent.REQUEST_BODY_UNEXPECTED);
    }
    HttpTransaction current = tx;
    tx = t;
    body(line, 0, line.length);
    body(b, lf, 1);
    tx = current;
    return lf + 1;
  }

  @Override
  void afterData() {
    if (finalizing != null && afterRequest.length() == 0) {
      finalizing = null; // the data ended with the request's last line: it is complete
    }
  }

  @Override
  void body(byte[] b, int off, int len) {
    tx.requestBodyLength += len;
    if (tx.requestDigests != null) {
      tx.requestDigests.update(b, off, len);
    }
    int kept = tx.requestBody.append(b, off, len, cfg.requestBodyLimit());
    if (kept < len && !tx.requestBodyTruncated) {
      tx.requestBodyTruncated = true;
      conn.event(tx, HttpEvent.REQUEST_BODY_TRUNCATED);
    }
  }

  @Override
  void bodyGap(long length) {
    tx.requestBodyLength += length;
    if (!tx.requestBodyTruncated) {
      tx.requestBodyTruncated = true;
    }
  }

  @Override
  void invalidChunking(byte[] line) {
    state = ParseState.LOST;
    finishRequest(false);
  }

  @Override
  void finishBody() {
    state = ParseState.START_LINE;
    finishRequest(true);
  }

  private void finishRequest(boolean mayContinue) {
    HttpTransaction t = tx;
    tx = null;
    if (t == null || t.requestDone) {
      return;
    }
    t.requestDone = true;
    boolean connect = t.method != null && Framing.isMethod(t.method, "CONNECT");
    if (connect && mayContinue && state == ParseState.START_LINE) {
      if (t.responseHeadersDone) {
        if (t.status >= 200 && t.status < 300) {
          state = ParseState.TUNNEL;
        }
      } else {
        state = ParseState.WAIT_CONNECT;
        connectHold.reset();
        t.requestFinalizePending = true;
        connectPending = t;
      }
    }
    conn.requestComplete(t);
  }

  @Override
  void trailerDone() {
    if (tx != null) {
      tx.requestTrailer = true;
    }
  }

  @Override
  void incomplete() {
    conn.event(tx, HttpEvent.REQUEST_INCOMPLETE);
  }

  @Override
  void holdForConnect(byte[] b, int off, int len) {
    connectHold.append(b, off, len, cfg.connectBufferLimit());
  }

  /** The response to a CONNECT arrived: tunnel on 2xx, else parse what was held back. */
  void connectAnswered(boolean tunnel) {
    if (state != ParseState.WAIT_CONNECT) {
      return;
    }
    if (tunnel) {
      state = ParseState.TUNNEL;
      connectHold.reset();
      connectPending = null; // a tunnel's request is never finalized by the request parser
      return;
    }
    state = ParseState.START_LINE;
    byte[] held = connectHold.toArray();
    connectHold.reset();
    if (held.length > 0) {
      finalizeRefusedConnect();
      data(held, 0, held.length);
    }
  }

  /**
   * Request data is parsed again (new bytes, or the client's end): a CONNECT refused by then is
   * finalized now (libhtp's REQ_CONNECT_WAIT_RESPONSE to REQ_FINALIZE, where Suricata's
   * request-complete hook runs).
   */
  void finalizeRefusedConnect() {
    HttpTransaction t = connectPending;
    if (t == null || state == ParseState.WAIT_CONNECT) {
      return;
    }
    connectPending = null;
    t.requestFinalizePending = false;
    conn.requestFinalized(t);
  }

  /** Stops parsing (the connection became a tunnel). */
  void tunnel() {
    if (state != ParseState.CLOSED) {
      state = ParseState.TUNNEL;
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == 0x0b || b == 0x0c || b == '\r';
  }

  static boolean startsWithHttp(byte[] p) {
    return p.length >= 5
        && (p[0] | 0x20) == 'h'
        && (p[1] | 0x20) == 't'
        && (p[2] | 0x20) == 't'
        && (p[3] | 0x20) == 'p'
        && p[4] == '/';
  }
}
