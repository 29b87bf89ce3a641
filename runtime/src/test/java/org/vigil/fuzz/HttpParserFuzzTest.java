package org.vigil.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.http.HttpConfig;
import org.vigil.app.http.HttpConnectionParser;
import org.vigil.app.http.HttpEvent;
import org.vigil.app.http.HttpTransaction;
import org.vigil.app.http.HttpTransactionListener;
import org.vigil.app.http.normalize.ServerPersonality;

/**
 * Any conversation (both directions interleaved in any chunking, with gaps; see {@link
 * FuzzSeeds#chunks}) given to the HTTP parser: it never throws, never records a parser failure (its
 * guard against its own defects), and every buffer of every transaction can be read. The first
 * input byte picks the server personality and whether the small body/header limits apply. Seeded
 * with the HTTP conversations of the shared corpus's small captures and a few hand-written ones.
 */
class HttpParserFuzzTest {
  private static final String METHOD = "anyConversationParses";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(HttpParserFuzzTest.class, METHOD);
    String[][] conversations = {
      {
        "GET /a?b=%41%u0042 HTTP/1.1\r\nHost: h\r\nCookie: c=d\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nSet-Cookie: x\r\n\r\nabc"
      },
      {
        "POST /u HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
      },
      {"CONNECT h:443 HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 Connection established\r\n\r\n"},
      {"GET /0.9\r\n", "<html>"},
    };
    for (String[] c : conversations) {
      byte[] conv =
          FuzzSeeds.conversation(
              new boolean[] {true, false},
              new byte[][] {
                c[0].getBytes(StandardCharsets.ISO_8859_1),
                c[1].getBytes(StandardCharsets.ISO_8859_1)
              });
      FuzzSeeds.add(HttpParserFuzzTest.class, METHOD, prefixed((byte) 0, conv));
    }
    for (var f :
        FuzzSeeds.sample(
            FuzzSeeds.corpusFiles("pcaps/zeek/http", FuzzSeeds.smallCapture(65536)), 100)) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port == 80 || port == 8080);
      if (conv.length > 0) {
        FuzzSeeds.add(HttpParserFuzzTest.class, METHOD, prefixed((byte) 0, conv));
      }
    }
  }

  private static byte[] prefixed(byte first, byte[] rest) {
    byte[] b = new byte[rest.length + 1];
    b[0] = first;
    System.arraycopy(rest, 0, b, 1, rest.length);
    return b;
  }

  @FuzzTest(maxDuration = "10s")
  void anyConversationParses(byte[] input) {
    if (input.length == 0) {
      return;
    }
    ServerPersonality[] ps = ServerPersonality.values();
    ServerPersonality personality = ps[(input[0] & 0x7f) % ps.length];
    HttpConfig cfg =
        input[0] < 0
            ? HttpConfig.defaults().withBodyLimits(64, 64).withHeaderLimits(80, 8, 256)
            : HttpConfig.defaults();
    List<HttpTransaction> done = new ArrayList<>();
    HttpConnectionParser parser =
        new HttpConnectionParser(
            cfg,
            personality,
            new HttpTransactionListener() {
              @Override
              public void onRequestComplete(HttpTransaction tx) {
                done.add(tx);
              }

              @Override
              public void onResponseComplete(HttpTransaction tx) {
                done.add(tx);
              }
            });
    byte[] rest = java.util.Arrays.copyOfRange(input, 1, input.length);
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(rest)) {
      if (c.gap()) {
        parser.onGap(c.toServer(), c.len());
      } else {
        parser.onData(c.toServer(), c.data(), c.off(), c.len());
      }
    }
    parser.onClose(true);
    parser.onClose(false);
    assertEquals(
        0, parser.eventCount(HttpEvent.PARSER_FAILURE), "the HTTP parser met an internal error");
    for (HttpTransaction tx : done) {
      tx.uri();
      tx.rawUri();
      tx.method();
      tx.requestHeaderBuffer();
      tx.requestRawHeader();
      tx.requestCookie();
      tx.clientBody();
      tx.statCode();
      tx.statMsg();
      tx.responseHeaderBuffer();
      tx.responseRawHeader();
      tx.responseCookie();
      tx.fileData();
      tx.hostname();
      tx.userAgent();
      tx.protocol();
      tx.contentType();
      tx.toString();
    }
  }
}
