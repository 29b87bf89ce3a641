package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.app.http.Recorder.str;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.app.http.Recorder.Part;
import org.vigil.app.http.normalize.ServerPersonality;

class HttpConnectionParserTest {

  static final HttpConfig CFG = HttpConfig.defaults();

  private Recorder r;
  private HttpConnectionParser parser;

  private void run(int chunk, Part... parts) {
    run(CFG, chunk, true, parts);
  }

  private void run(HttpConfig cfg, int chunk, boolean close, Part... parts) {
    r = new Recorder();
    parser = Recorder.feed(cfg, ServerPersonality.IDS, r, chunk, 7, close, parts);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void simpleGetOffersEveryBuffer(int chunk) {
    run(
        chunk,
        Part.c(
            "GET /a/./b%2Fc.php?x=%41 HTTP/1.1\r\nHost: Www.Example.COM:8080\r\n"
                + "User-Agent: Mozilla/5.0\r\nCookie: sid=1\r\nAccept:  */* \r\n\r\n"),
        Part.s(
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nSet-Cookie: a=b\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\nhello"));
    assertEquals(List.of("reqh0", "req0", "resh0", "res0"), r.calls);
    HttpTransaction tx = r.responses.get(0);
    assertEquals("GET", str(tx.method()));
    assertEquals("/a/./b%2Fc.php?x=%41", str(tx.rawUri()));
    assertEquals("/a/b/c.php?x=%41", str(tx.uri()));
    assertEquals(
        "Host: Www.Example.COM:8080\r\nUser-Agent: Mozilla/5.0\r\nAccept: */*\r\n",
        str(tx.requestHeaderBuffer()));
    assertEquals(
        "Host: Www.Example.COM:8080\r\nUser-Agent: Mozilla/5.0\r\nCookie: sid=1\r\n"
            + "Accept:  */* \r\n\r\n",
        str(tx.requestRawHeader()));
    assertEquals("sid=1", str(tx.requestCookie()));
    assertEquals("200", str(tx.statCode()));
    assertEquals("OK", str(tx.statMsg()));
    assertEquals("hello", str(tx.fileData()));
    assertEquals("a=b", str(tx.responseCookie()));
    assertEquals(
        "Content-Length: 5\r\nContent-Type: text/html; charset=utf-8\r\n",
        str(tx.responseHeaderBuffer()));
    assertNull(tx.clientBody());
    assertEquals("www.example.com", tx.hostname());
    assertEquals("/a/./b%2Fc.php?x=%41", tx.url());
    assertEquals("Mozilla/5.0", tx.userAgent());
    assertEquals("GET", tx.methodString());
    assertEquals("HTTP/1.1", tx.protocol());
    assertEquals(200, tx.status());
    assertEquals(5, tx.length());
    assertEquals("text/html", tx.contentType());
    assertEquals(java.util.Set.of(HttpEvent.URI_ENCODED_SEPARATOR), tx.events());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void chunkedBodiesAreDechunkedInBothDirections(int chunk) {
    run(
        chunk,
        Part.c(
            "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"),
        Part.s(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "3\r\nabc\r\nA\r\n0123456789\r\n0\r\n\r\n"));
    HttpTransaction tx = r.responses.get(0);
    assertEquals("hello world", str(tx.clientBody()));
    assertEquals(11, tx.requestBodyLength());
    assertEquals("abc0123456789", str(tx.fileData()));
    assertEquals(28, tx.length()); // wire bytes with chunk framing
    assertTrue(tx.events().contains(HttpEvent.REQUEST_CHUNK_EXTENSION));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void aChunkedBodyEndsWithATrailerSectionEvenAnEmptyOneAsLibhtpsTrailerHook(int chunk) {
    run(
        chunk,
        Part.c(
            "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n"
                + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"),
        Part.s(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nB\r\n0\r\nX-T: 1\r\n\r\n"));
    assertEquals(2, r.responses.size());
    HttpTransaction chunked = r.responses.get(0);
    HttpTransaction plain = r.responses.get(1);
    assertEquals("abc", str(chunked.clientBody()));
    assertEquals(
        200, chunked.status()); // the 100 Continue is an interim answer of the same transaction
    assertTrue(chunked.requestHasTrailer());
    assertFalse(chunked.responseHasTrailer());
    assertFalse(plain.requestHasTrailer());
    assertTrue(plain.responseHasTrailer());
  }

  @org.junit.jupiter.api.Test
  void aMessageIsInItsBodyFromItsHeadersToItsEnd() {
    r = new Recorder();
    parser = new HttpConnectionParser(CFG, ServerPersonality.IDS, r);
    byte[] head =
        "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    parser.onData(true, head, 0, head.length - 1);
    assertNull(parser.messageInBody(true), "headers not complete yet");
    parser.onData(true, head, head.length - 1, 1);
    HttpTransaction tx = parser.messageInBody(true);
    assertEquals("/a", str(tx.uri()));
    assertNull(parser.messageInBody(false));
    byte[] body = "3\r\nabc\r\n0\r\n".getBytes(StandardCharsets.ISO_8859_1);
    parser.onData(true, body, 0, body.length);
    assertEquals(tx, parser.messageInBody(true), "in the trailer section");
    assertFalse(tx.requestHasTrailer());
    parser.onData(true, new byte[] {'\r', '\n'}, 0, 2);
    assertNull(parser.messageInBody(true));
    assertTrue(tx.requestHasTrailer());
  }

  /**
   * Suricata's inspect id per direction: the oldest transaction whose message in that direction is
   * not complete, else the next number.
   */
  @org.junit.jupiter.api.Test
  void inspectIdFollowsTheOldestIncompleteMessageOfEachDirection() {
    r = new Recorder();
    parser = new HttpConnectionParser(CFG, ServerPersonality.IDS, r);
    assertEquals(List.of(0L, 0L), List.of(parser.inspectId(true), parser.inspectId(false)));
    byte[] two =
        "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    parser.onData(true, two, 0, two.length);
    assertEquals(List.of(1L, 0L), List.of(parser.inspectId(true), parser.inspectId(false)));
    parser.onData(true, new byte[] {'\r', '\n'}, 0, 2);
    byte[] answer =
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nAHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nB"
            .getBytes(StandardCharsets.ISO_8859_1);
    parser.onData(false, answer, 0, answer.length);
    assertEquals(List.of(2L, 1L), List.of(parser.inspectId(true), parser.inspectId(false)));
    parser.onData(false, new byte[] {'B'}, 0, 1);
    assertEquals(List.of(2L, 2L), List.of(parser.inspectId(true), parser.inspectId(false)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void pipelinedRequestsPairWithTheirResponsesInOrder(int chunk) {
    run(
        chunk,
        Part.c(
            "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n"
                + "\r\nPOST /3 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"),
        Part.s(
            "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nBB"
                + "HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n"));
    assertEquals(3, r.responses.size());
    assertEquals("/1 200 A", line(r.responses.get(0)));
    assertEquals("/2 404 BB", line(r.responses.get(1)));
    assertEquals("/3 302 null", line(r.responses.get(2)));
    assertEquals("abc", str(r.responses.get(2).clientBody()));
    assertEquals(3, parser.transactionCount());
  }

  private static String line(HttpTransaction t) {
    return str(t.uri()) + " " + t.status() + " " + str(t.fileData());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void hundredContinueIsAnInterimResponseOfTheSameTransaction(int chunk) {
    run(
        chunk,
        Part.c(
            "POST /form HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"),
        Part.s("HTTP/1.1 100 Continue\r\n\r\n"),
        Part.c("data"),
        Part.s("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"));
    assertEquals(1, r.responses.size());
    HttpTransaction tx = r.responses.get(0);
    assertEquals(201, tx.status());
    assertEquals("data", str(tx.clientBody()));
    assertEquals("ok", str(tx.fileData()));
    assertEquals(1, parser.transactionCount());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void headAnd204And304HaveNoBody(int chunk) {
    run(
        chunk,
        Part.c(
            "HEAD /h HTTP/1.1\r\nHost: h\r\n\r\nGET /n HTTP/1.1\r\nHost: h\r\n\r\n"
                + "GET /c HTTP/1.1\r\nHost: h\r\n\r\nGET /last HTTP/1.1\r\nHost: h\r\n\r\n"),
        Part.s(
            "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                // (a 204 or 304 with Content-Length has that body, as libhtp reads it: see the
                // bodiless-* cases of the HTTP response catalogue)
                + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody"));
    assertEquals(4, r.responses.size());
    assertEquals("/h 200 null", line(r.responses.get(0)));
    assertEquals("/n 204 null", line(r.responses.get(1)));
    assertEquals("/c 304 null", line(r.responses.get(2)));
    assertEquals("/last 200 body", line(r.responses.get(3)));
  }

  static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
      g.write(data);
    }
    return bo.toByteArray();
  }

  static byte[] deflate(byte[] data, boolean zlib) throws Exception {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, !zlib);
    try (DeflaterOutputStream o = new DeflaterOutputStream(bo, d)) {
      o.write(data);
    }
    d.end();
    return bo.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      bo.writeBytes(p);
    }
    return bo.toByteArray();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  // whole segments only: as libhtp, a decoder that fails retries the data chunk that failed only,
  // so a zlib body labelled deflate fed in tiny pieces is not recognised
  @ParameterizedTest
  @ValueSource(ints = {0})
  void gzipAndDeflateBodiesAreDecodedForFileData(int chunk) throws Exception {
    byte[] page = ascii("<html>" + "evil payload ".repeat(50) + "</html>");
    byte[] gz = gzip(page);
    byte[] zl = deflate(page, true);
    byte[] raw = deflate(page, false);
    run(
        chunk,
        Part.c(
            "GET /g HTTP/1.1\r\nHost: h\r\n\r\nGET /z HTTP/1.1\r\nHost: h\r\n\r\n"
                + "GET /r HTTP/1.1\r\nHost: h\r\n\r\nGET /x HTTP/1.1\r\nHost: h\r\n\r\n"),
        Part.s(
            concat(
                ascii(
                    "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
                        + gz.length
                        + "\r\n\r\n"),
                gz)),
        Part.s(
            concat(
                ascii(
                    "HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(zl.length)
                        + "\r\n"),
                zl,
                ascii("\r\n0\r\n\r\n"))),
        Part.s(
            concat(
                ascii(
                    "HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: "
                        + raw.length
                        + "\r\n\r\n"),
                raw)),
        Part.s(concat(ascii("HTTP/1.1 200 OK\r\nContent-Encoding: x-gzip\r\n\r\n"), gz)));
    assertEquals(4, r.responses.size());
    for (HttpTransaction tx : r.responses) {
      assertEquals(str(page), str(tx.fileData()), str(tx.uri()));
    }
    assertEquals(gz.length, r.responses.get(0).length());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void decompressionStopsAtTheResponseBodyLimit(int chunk) throws Exception {
    byte[] bomb = gzip(new byte[5_000_000]);
    run(
        CFG.withBodyLimits(1000, 4096),
        chunk,
        true,
        Part.c("GET / HTTP/1.1\r\nHost: h\r\n\r\nGET /next HTTP/1.1\r\nHost: h\r\n\r\n"),
        Part.s(
            concat(
                ascii(
                    "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
                        + bomb.length
                        + "\r\n\r\n"),
                bomb,
                ascii("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nZ"))));
    assertEquals(2, r.responses.size());
    assertEquals(4096, r.responses.get(0).fileData().length);
    assertTrue(r.responses.get(0).responseBodyTruncated());
    assertEquals("Z", str(r.responses.get(1).fileData()));
  }

  // whole segments only: the retries before passing the data through see the failing chunk only
  @ParameterizedTest
  @ValueSource(ints = {0})
  void badGzipIsAnEventAndPassesDataThrough(int chunk) {
    run(
        chunk,
        Part.c("GET / HTTP/1.1\r\nHost: h\r\n\r\n"),
        Part.s("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 9\r\n\r\nplaintext"));
    HttpTransaction tx = r.responses.get(0);
    assertTrue(tx.events().contains(HttpEvent.GZIP_DECOMPRESSION_FAILED));
    assertEquals("plaintext", str(tx.fileData()));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void connectWith2xxStopsParsing(int chunk) {
    run(
        chunk,
        Part.c("CONNECT mail.example.com:443 HTTP/1.1\r\nHost: mail.example.com:443\r\n\r\n"),
        Part.s("HTTP/1.1 200 Connection established\r\n\r\n"),
        Part.c("\u0016\u0003\u0001 not http GET /x HTTP/1.1\r\n\r\n"),
        Part.s("\u0016\u0003\u0003 tls bytes HTTP/1.1 200 OK\r\n\r\n"));
    assertEquals(1, parser.transactionCount());
    assertTrue(parser.isTunnel());
    assertEquals("mail.example.com", r.requests.get(0).hostname());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void connectRefusedKeepsParsingHttp(int chunk) {
    run(
        chunk,
        Part.c("CONNECT h:443 HTTP/1.1\r\nHost: h\r\n\r\nGET /after HTTP/1.1\r\nHost: h\r\n\r\n"),
        Part.s(
            "HTTP/1.1 407 Proxy Auth\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    assertFalse(parser.isTunnel());
    assertEquals(2, r.responses.size());
    assertEquals("/after", str(r.responses.get(1).uri()));
    assertEquals(200, r.responses.get(1).status());
  }

  @org.junit.jupiter.api.Test
  void refusedConnectIsFinalizedOnlyWhenRequestDataIsParsedAgain() {
    // libhtp: REQ_CONNECT_WAIT_RESPONSE moves to REQ_FINALIZE (Suricata's request-complete hook)
    // only when the request parser runs again after a non-2xx answer
    run(
        CFG,
        0,
        false,
        Part.c("CONNECT h:443 HTTP/1.1\r\nHost: h\r\n\r\n"),
        Part.s("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
    assertEquals(List.of("reqh0", "req0", "resh0", "res0"), r.calls);
    assertTrue(r.requests.get(0).requestFinalizePending());
    parser.onClose(true);
    assertEquals(List.of("reqh0", "req0", "resh0", "res0", "fin0"), r.calls);
    assertFalse(r.requests.get(0).requestFinalizePending());
  }

  @org.junit.jupiter.api.Test
  void connectTunnelIsNeverFinalizedByTheRequestParser() {
    run(
        CFG,
        0,
        true,
        Part.c("CONNECT h:443 HTTP/1.1\r\nHost: h\r\n\r\n"),
        Part.s("HTTP/1.1 200 OK\r\n\r\n"),
        Part.c("tunnel bytes"));
    assertFalse(r.calls.contains("fin0"));
  }

  @org.junit.jupiter.api.Test
  void requestLineWithoutProtocolParsesHeadersThatFollowInTheSameChunk() {
    // libhtp: more than 16 bytes, or any non-space byte, after it in the chunk: not HTTP/0.9
    run(CFG, 0, false, Part.c("GET /HTTP/1.1\nHost: www.google.com\n\n"));
    assertEquals(List.of(), r.events);
    assertEquals(List.of("reqh0", "req0"), r.calls);
    assertEquals("www.google.com", r.requests.get(0).hostname());
    run(CFG, 0, false, Part.c("GET /x\n"), Part.c("Host: h\n\n"));
    assertEquals("/x", str(r.requests.get(0).uri()));
    assertNull(r.requests.get(0).hostname());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void foldingDuplicatesOddWhitespaceAndBareLf(int chunk) {
    run(
        chunk,
        Part.c(
            "GET  /x\tHTTP/1.0\nHost: h\nX-A: one\n  two\nX-a:three\r\n"
                + "Broken line\r\nName : v\r\n\n"),
        Part.s("HTTP/1.0 200 OK\nServer: s\n\nbody until close"));
    HttpTransaction tx = r.responses.get(0);
    assertEquals("/x", str(tx.uri()));
    assertEquals("HTTP/1.0", tx.protocol());
    assertEquals("one  two, three", tx.requestHeaders().getString("x-a"));
    assertEquals(
        "Host: h\r\nX-A: one  two, three\r\nBroken line: \r\nName: v\r\n",
        str(tx.requestHeaderBuffer()));
    assertTrue(tx.events().contains(HttpEvent.METHOD_DELIM_NON_COMPLIANT));
    assertTrue(tx.events().contains(HttpEvent.URI_DELIM_NON_COMPLIANT));
    assertTrue(tx.events().contains(HttpEvent.REQUEST_FIELD_MISSING_COLON));
    assertTrue(tx.events().contains(HttpEvent.REQUEST_HEADER_INVALID));
    assertTrue(tx.events().contains(HttpEvent.REQUEST_HEADER_REPETITION));
    assertEquals("body until close", str(tx.fileData()));
    assertEquals(16, tx.length());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void http09RequestAndBareResponse(int chunk) {
    run(chunk, Part.c("GET /old.html\r\n"), Part.s("<html>old</html>"));
    HttpTransaction tx = r.responses.get(0);
    assertEquals("/old.html", str(tx.uri()));
    assertNull(tx.protocol());
    assertNull(tx.requestHeaderBuffer());
    assertNull(tx.requestRawHeader());
    assertEquals(-1, tx.status());
    assertEquals("<html>old</html>", str(tx.fileData()));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void malformedFramingIsCountedNotThrown(int chunk) {
    run(
        chunk,
        Part.c(
            "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: x\r\n\r\n"
                + "GET /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc"
                + "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nrest"),
        Part.s(
            "HTTP/1.1 abc Weird\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nnot-hex\r\nmore"));
    assertEquals(1, parser.eventCount(HttpEvent.INVALID_CONTENT_LENGTH_FIELD_IN_REQUEST));
    assertEquals(1, parser.eventCount(HttpEvent.DUPLICATE_CONTENT_LENGTH_FIELD_IN_REQUEST));
    assertEquals(1, parser.eventCount(HttpEvent.INVALID_REQUEST_CHUNK_LEN));
    assertEquals(1, parser.eventCount(HttpEvent.INVALID_STATUS_CODE));
    assertEquals(1, parser.eventCount(HttpEvent.INVALID_RESPONSE_CHUNK_LEN));
    assertEquals(0, parser.eventCount(HttpEvent.PARSER_FAILURE));
    assertEquals("/b", str(r.requests.get(1).uri()));
    assertEquals("abc", str(r.requests.get(1).clientBody()));
    assertEquals(3, r.requests.size());
    // as libhtp: the invalid size line is read again as body, its line end with it
    assertEquals("not-hex\r\nmore", str(r.responses.get(1).fileData()));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void bodyAndHeaderLimitsAreEnforced(int chunk) {
    String longHeader = "X-Long: " + "a".repeat(200) + "\r\n";
    run(
        CFG.withBodyLimits(10, 10).withHeaderLimits(64, 3, 1024),
        chunk,
        true,
        Part.c(
            "POST /p HTTP/1.1\r\nContent-Length: 26\r\n"
                + longHeader
                + "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\nabcdefghijklmnopqrstuvwxyz"),
        Part.s("HTTP/1.1 200 OK\r\n\r\n0123456789ABCDEF"));
    HttpTransaction tx = r.responses.get(0);
    assertEquals("abcdefghij", str(tx.clientBody()));
    assertEquals(26, tx.requestBodyLength());
    assertTrue(tx.requestBodyTruncated());
    assertEquals("0123456789", str(tx.fileData()));
    assertTrue(tx.events().contains(HttpEvent.REQUEST_FIELD_TOO_LONG));
    assertTrue(tx.events().contains(HttpEvent.REQUEST_TOO_MANY_HEADERS));
    assertEquals(3, tx.requestHeaders().size());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void absoluteUriGivesPathForHttpUriAndHostForEve(int chunk) {
    run(
        chunk,
        Part.c(
            "GET http://Proxy.Example.org:3128/dir/../index.php?q=1 HTTP/1.1\r\n"
                + "Host: other\r\n\r\n"));
    HttpTransaction tx = r.requests.get(0);
    assertEquals("/index.php?q=1", str(tx.uri()));
    assertEquals("http://Proxy.Example.org:3128/dir/../index.php?q=1", str(tx.rawUri()));
    assertEquals("proxy.example.org", tx.hostname());
  }

  @org.junit.jupiter.api.Test
  void gapInsideABodyIsSkippedAndParsingGoesOn() {
    r = new Recorder();
    parser = new HttpConnectionParser(CFG, ServerPersonality.IDS, r);
    byte[] a = ascii("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc");
    parser.onData(true, a, 0, a.length);
    parser.onGap(true, 4);
    byte[] b = ascii("xyzGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
    parser.onData(true, b, 0, b.length);
    assertEquals(2, r.requests.size());
    assertEquals("abcxyz", str(r.requests.get(0).clientBody()));
    assertEquals(10, r.requests.get(0).requestBodyLength());
    assertTrue(r.requests.get(0).requestBodyTruncated());
    assertEquals("/b", str(r.requests.get(1).uri()));
    assertEquals(1, parser.eventCount(HttpEvent.REQUEST_DATA_GAP));
    // a gap in the headers cannot be resynchronised: the direction stops
    parser.onData(true, ascii("GET /c HT"), 0, 9);
    parser.onGap(true, 10);
    parser.onData(true, ascii("GET /d HTTP/1.1\r\n\r\n"), 0, 19);
    assertEquals(2, r.requests.size());
  }

  @org.junit.jupiter.api.Test
  void gapOfWholeMessagesBetweenResponsesIsSkipped() {
    r = new Recorder();
    parser = new HttpConnectionParser(CFG, ServerPersonality.IDS, r);
    byte[] reqs = ascii("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
    parser.onData(true, reqs, 0, reqs.length);
    // the first response was never captured: the stream reports it as a gap at a message boundary
    parser.onGap(false, 64);
    byte[] resp = ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
    parser.onData(false, resp, 0, resp.length);
    assertEquals(1, r.responses.size());
    assertEquals("hello", str(r.responses.get(0).fileData()));
    assertEquals("200", str(r.responses.get(0).statCode()));
    assertEquals(1, parser.eventCount(HttpEvent.RESPONSE_DATA_GAP));
  }

  @org.junit.jupiter.api.Test
  void closeCompletesPartialMessages() {
    r = new Recorder();
    parser = new HttpConnectionParser(CFG, ServerPersonality.IDS, r);
    byte[] a = ascii("GET /partial HTTP/1.1\r\nHost: h\r\nX: y");
    parser.onData(true, a, 0, a.length);
    byte[] s = ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
    parser.onData(false, s, 0, s.length);
    parser.onClose(true);
    parser.onClose(false);
    assertEquals(1, r.responses.size());
    HttpTransaction tx = r.responses.get(0);
    assertEquals("y", tx.requestHeaders().getString("X"));
    assertEquals("short", str(tx.fileData()));
    assertTrue(tx.events().contains(HttpEvent.REQUEST_INCOMPLETE));
    assertTrue(tx.events().contains(HttpEvent.RESPONSE_INCOMPLETE));
  }

  @org.junit.jupiter.api.Test
  void switchingProtocolsBecomesATunnel() {
    run(
        0,
        Part.c("GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n"),
        Part.s("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0005hello"),
        Part.c("GET /not-http HTTP/1.1\r\n\r\n"));
    assertEquals(1, parser.transactionCount());
    assertTrue(parser.isTunnel());
    assertEquals(101, r.responses.get(0).status());
  }

  @org.junit.jupiter.api.Test
  void responseWithoutRequestIsUnmatched() {
    run(0, Part.s("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"));
    assertEquals(1, parser.eventCount(HttpEvent.UNABLE_TO_MATCH_RESPONSE_TO_REQUEST));
    assertEquals("hi", str(r.responses.get(0).fileData()));
  }

  @org.junit.jupiter.api.Test
  void personalityComesFromTheServerAddress() {
    PersonalityTable table =
        PersonalityTable.builder(ServerPersonality.IDS)
            .add("10.0.0.0/8", ServerPersonality.APACHE_2)
            .add("10.1.2.3", ServerPersonality.IIS_6_0)
            .add("2001:db8::/32", ServerPersonality.IIS_7_5)
            .build();
    assertEquals(ServerPersonality.IIS_6_0, table.resolve(new byte[] {10, 1, 2, 3}));
    assertEquals(ServerPersonality.APACHE_2, table.resolve(new byte[] {10, 9, 9, 9}));
    assertEquals(ServerPersonality.IDS, table.resolve(new byte[] {11, 0, 0, 1}));
    byte[] v6 = new byte[16];
    v6[0] = 0x20;
    v6[1] = 0x01;
    v6[2] = 0x0d;
    v6[3] = (byte) 0xb8;
    assertEquals(ServerPersonality.IIS_7_5, table.resolve(v6));
    r = new Recorder();
    HttpConnectionParser iis = new HttpConnectionParser(CFG, table, new byte[] {10, 1, 2, 3}, r);
    byte[] req = ascii("GET /a%u002fb\\c HTTP/1.1\r\nHost: h\r\n\r\n");
    iis.onData(true, req, 0, req.length);
    assertEquals("/a/b/c", str(r.requests.get(0).uri()));
    HttpConnectionParser apache = new HttpConnectionParser(CFG, table, new byte[] {10, 2, 2, 2}, r);
    apache.onData(true, req, 0, req.length);
    assertEquals("/a%u002fb\\c", str(r.requests.get(1).uri()));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            PersonalityTable.builder(ServerPersonality.IDS)
                .add("10.0.0.0/33", ServerPersonality.IDS));
    assertArrayEquals(
        new long[HttpEvent.values().length],
        new HttpConnectionParser(CFG, ServerPersonality.IDS, new Recorder()).eventCounts());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1})
  void brokenResponseFramingIsReadAsLibhtpDoes(int chunk) throws Exception {
    byte[] gz = gzip(ascii("layered"));
    byte[] twice = gzip(gz);
    run(
        CFG.withDecompressLayerLimit(3),
        chunk,
        true,
        Part.c(
            "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n"
                + "GET /3 HTTP/1.1\r\nHost: h\r\n\r\nGET /4 HTTP/1.1\r\nHost: h\r\n\r\n"),
        // a bare CR ends the status line; a Transfer-Encoding that holds "chunked" means chunked
        // (one without it does not: te-x-chunked-body of the HTTP response catalogue)
        Part.s("HTTP/1.1 200 ok\rTransfer-Encoding: xchunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
        // two layers, listed sloppily, with a NUL in the header name and a tab-started field
        Part.s(
            concat(
                ascii(
                    "HTTP/1.1 200 ok\r\nX-A: b\r\n\tContent\0-Encoding: gzip,\r\n"
                        + " gzip\r\nContent-Length: "
                        + twice.length
                        + "\r\n\r\n"),
                twice)),
        // LF CR CR LF ends the headers
        Part.s("HTTP/1.1 200 ok\r\nContent-Length: 2\n\r\r\nok"),
        // junk before the status line is body of its own
        Part.s("junk\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nZ"));
    assertEquals("abc", str(r.responses.get(0).fileData()));
    // as libhtp: a field ending where a data chunk ends is stored then, so a fold arriving in the
    // next chunk starts a field of its own (hdr-split-fold-at-segment of the response catalogue)
    assertEquals(chunk == 1 ? str(gz) : "layered", str(r.responses.get(1).fileData()));
    assertEquals("ok", str(r.responses.get(2).fileData()));
    assertEquals(-1, r.responses.get(3).status());
    assertEquals("/4", str(r.responses.get(3).uri()));
    assertEquals(404, r.responses.get(4).status());
    assertEquals("Z", str(r.responses.get(4).fileData()));
    assertEquals(1, parser.eventCount(HttpEvent.UNABLE_TO_MATCH_RESPONSE_TO_REQUEST));
  }

  @org.junit.jupiter.api.Test
  void layersBeyondTheLimitAreNotDecoded() throws Exception {
    byte[] twice = gzip(gzip(ascii("deep")));
    run(
        CFG,
        0,
        true,
        Part.c("GET / HTTP/1.1\r\nHost: h\r\n\r\n"),
        Part.s(
            concat(
                ascii(
                    "HTTP/1.1 200 OK\r\nContent-Encoding: gzip, gzip, gzip\r\n"
                        + "Content-Length: "
                        + twice.length
                        + "\r\n\r\n"),
                twice)));
    assertEquals(1, parser.eventCount(HttpEvent.TOO_MANY_ENCODING_LAYERS));
    assertEquals("deep", str(r.responses.get(0).fileData()));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000})
  void longBodyWithoutStatusLineIsNotTruncatedByTheLineLimit(int chunk) {
    String big = "x".repeat(50_000);
    run(
        CFG.withBodyLimits(100_000, 100_000),
        chunk,
        true,
        Part.c("GET / HTTP/1.1\r\nHost: h\r\n\r\n"),
        Part.s("garbage " + big + "\nmore"));
    HttpTransaction tx = r.responses.get(0);
    assertTrue(str(tx.fileData()).startsWith("garbage " + big));
    assertTrue(str(tx.fileData()).endsWith("more"));
    assertEquals(0, parser.eventCount(HttpEvent.RESPONSE_FIELD_TOO_LONG));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void trailerFieldsJoinTheHeaders(int chunk) {
    r =
        new Recorder() {
          @Override
          public void onRequestHeaders(HttpTransaction tx) {
            super.onRequestHeaders(tx);
            tx.requestHeaderBuffer(); // rendered early, must be refreshed after the trailers
          }
        };
    parser =
        Recorder.feed(
            CFG,
            ServerPersonality.IDS,
            r,
            chunk,
            1,
            true,
            Part.c(
                "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "1\r\nx\r\n0\r\nX-Evil: payload\r\n\r\n"));
    HttpTransaction tx = r.requests.get(0);
    assertEquals(
        "Host: h\r\nTransfer-Encoding: chunked\r\nX-Evil: payload\r\n",
        str(tx.requestHeaderBuffer()));
    assertTrue(str(tx.requestRawHeader()).endsWith("X-Evil: payload\r\n\r\n"));
    assertEquals("x", str(tx.clientBody()));
  }
}
