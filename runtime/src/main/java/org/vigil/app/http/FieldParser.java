package org.vigil.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects the header fields of one message: folding (continuation lines joined before the
 * name/value split, as libhtp does), names with trailing whitespace, missing colons, duplicate
 * Content-Length, repeated fields and the field-count limit, each anomaly an event.
 */
final class FieldParser {

  private static final byte[] CONTENT_LENGTH = "Content-Length".getBytes(StandardCharsets.US_ASCII);

  private final HttpConfig cfg;
  private final HttpConnectionParser conn;
  private final boolean toServer;
  private HttpHeaders headers;
  private int headerCount;
  private byte[] pendingName;
  private final ByteBuilder pendingValue = new ByteBuilder(64);
  private boolean havePending;

  FieldParser(HttpConfig cfg, HttpConnectionParser conn, boolean toServer) {
    this.cfg = cfg;
    this.conn = conn;
    this.toServer = toServer;
  }

  /** Starts a new header block whose fields go to {@code h}. */
  void begin(HttpHeaders h) {
    headers = h;
    headerCount = 0;
    havePending = false;
    pendingValue.reset();
  }

  /** A non-empty header line (without its line end). */
  void line(byte[] c, HttpTransaction tx) {
    // a response line starting with NUL folds too (libhtp's folding characters)
    if (c[0] == ' ' || c[0] == '\t' || (c[0] == 0 && !toServer)) {
      if (havePending && !looksLikeField(c)) {
        pendingValue.append(c, 0, c.length);
      } else {
        conn.event(
            tx,
            toServer
                ? HttpEvent.INVALID_REQUEST_FIELD_FOLDING
                : HttpEvent.INVALID_RESPONSE_FIELD_FOLDING);
        flush(tx);
        startHeader(c, HttpBytes.trimStart(c, 0));
      }
      return;
    }
    flush(tx);
    startHeader(c, 0);
  }

  /**
   * A continuation line that reads "Name: value" starts a new field (what libhtp and browsers make
   * of the http-evader "tab before header" cases) instead of folding into the previous one.
   */
  static boolean looksLikeField(byte[] c) {
    int i = HttpBytes.trimStart(c, 0);
    int s = i;
    while (i < c.length
        && (Character.isLetterOrDigit(c[i]) || c[i] == '-' || c[i] == '_' || c[i] == 0)) {
      i++;
    }
    if (i == s || !Character.isLetter(c[s])) {
      return false;
    }
    while (i < c.length && HttpBytes.isLws(c[i])) {
      i++;
    }
    return i < c.length && c[i] == ':';
  }

  private void startHeader(byte[] c, int from) {
    pendingValue.reset();
    pendingValue.append(c, from, c.length - from);
    havePending = true;
  }

  /** Splits a whole (unfolded) field line into name and value; returns the value start or -1. */
  private int splitField(byte[] c, int cl, HttpTransaction tx) {
    int colon = -1;
    for (int i = 0; i < cl; i++) {
      if (c[i] == ':') {
        colon = i;
        break;
      }
    }
    int nameEnd;
    int valueStart;
    if (colon < 0) {
      conn.event(
          tx,
          toServer
              ? HttpEvent.REQUEST_FIELD_MISSING_COLON
              : HttpEvent.RESPONSE_FIELD_MISSING_COLON);
      nameEnd = cl;
      valueStart = cl;
    } else {
      nameEnd = colon;
      valueStart = colon + 1;
    }
    int ne = nameEnd;
    while (ne > 0 && HttpBytes.isAnySpace(c[ne - 1])) {
      ne--;
    }
    boolean invalid = ne != nameEnd || ne == 0;
    for (int i = 0; i < ne && !invalid; i++) {
      int ch = c[i] & 0xff;
      if (ch <= 32 || ch >= 127) {
        invalid = true;
      }
    }
    if (invalid) {
      conn.event(
          tx, toServer ? HttpEvent.REQUEST_HEADER_INVALID : HttpEvent.RESPONSE_HEADER_INVALID);
    }
    pendingName = Arrays.copyOfRange(c, 0, ne);
    return valueStart;
  }

  /** Stores the pending field, if any. */
  void flush(HttpTransaction tx) {
    if (!havePending) {
      return;
    }
    havePending = false;
    if (++headerCount > cfg.maxHeaders()) {
      if (headerCount == cfg.maxHeaders() + 1) {
        conn.event(
            tx,
            toServer ? HttpEvent.REQUEST_TOO_MANY_HEADERS : HttpEvent.RESPONSE_TOO_MANY_HEADERS);
      }
      return;
    }
    // the field line is read in place: pendingValue's array, its first ve bytes
    byte[] v = pendingValue.array();
    int ve = pendingValue.length();
    int s = splitField(v, ve, tx);
    while (s < ve && HttpBytes.isLws(v[s])) {
      s++;
    }
    int e = ve;
    while (e > s && HttpBytes.isLws(v[e - 1])) {
      e--;
    }
    byte[] name = pendingName;
    if (HttpHeaders.equalsIgnoreCase(name, CONTENT_LENGTH, 0, CONTENT_LENGTH.length)) {
      byte[] prev = headers.get("Content-Length");
      if (prev != null) {
        if (!Arrays.equals(prev, Arrays.copyOfRange(v, s, e))) {
          conn.event(
              tx,
              toServer
                  ? HttpEvent.DUPLICATE_CONTENT_LENGTH_FIELD_IN_REQUEST
                  : HttpEvent.DUPLICATE_CONTENT_LENGTH_FIELD_IN_RESPONSE);
        }
        return;
      }
    }
    if (headers.add(name, v, s, e - s)) {
      conn.event(
          tx,
          toServer ? HttpEvent.REQUEST_HEADER_REPETITION : HttpEvent.RESPONSE_HEADER_REPETITION);
    }
  }
}
