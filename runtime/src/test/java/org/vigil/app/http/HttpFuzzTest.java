package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.app.http.normalize.ServerPersonality;

/** Robustness: random and mutated HTTP conversations never throw and never hit a parser failure. */
class HttpFuzzTest {

  private static final String[] SEED_REQUESTS = {
    "GET /index.html?a=1&b=%41%u0042 HTTP/1.1\r\nHost: example.com\r\nCookie: a=b\r\n\r\n",
    "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n",
    "POST /f HTTP/1.0\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello",
    "CONNECT h:443 HTTP/1.1\r\nHost: h\r\n\r\n",
    "HEAD /x/../%c0%af/y\\z HTTP/1.1\r\nHost: h\r\n X-Fold: z\r\n\r\n",
    "GET /0.9\r\n",
  };
  private static final String[] SEED_RESPONSES = {
    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nSet-Cookie: x\r\n\r\nabc",
    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    "HTTP/1.1 304 Not Modified\r\n\r\n",
    "HTTP/1.0 200 OK\r\nContent-Encoding: gzip\r\n\r\n\u001f\u008b\u0008\u0000\u0000\u0000\u0000\u0000\u0000\u0003KLJ\u0006\u0000\u00c2A$5\u0003\u0000\u0000\u0000",
    "HTTP/1.1 200 Connection established\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: 5\r\n\r\nx\u009cK\u0004\u0000",
  };

  private static final byte[] ALPHABET =
      "GETPOSTHEAD HTTP/1.01\r\n:;%u0aFf/\\.?#&= \t\u0000\u00ff\u00c0\u00afchunkedContent-Length0123456789"
          .getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void randomBytesNeverBreakTheParser() {
    Random rnd = new Random(20240601L);
    long txs = 0;
    for (int iter = 0; iter < 2000; iter++) {
      byte[] c = randomBytes(rnd, rnd.nextInt(600));
      byte[] s = randomBytes(rnd, rnd.nextInt(600));
      txs += drive(rnd, c, s, ServerPersonality.values()[iter % ServerPersonality.values().length]);
    }
    assertTrue(txs > 0, "random streams should now and then form a request");
  }

  @Test
  void mutatedConversationsNeverBreakTheParser() {
    Random rnd = new Random(77L);
    for (int iter = 0; iter < 3000; iter++) {
      StringBuilder c = new StringBuilder();
      StringBuilder s = new StringBuilder();
      int n = 1 + rnd.nextInt(4);
      for (int k = 0; k < n; k++) {
        c.append(SEED_REQUESTS[rnd.nextInt(SEED_REQUESTS.length)]);
        s.append(SEED_RESPONSES[rnd.nextInt(SEED_RESPONSES.length)]);
      }
      byte[] cb = mutate(rnd, c.toString().getBytes(StandardCharsets.ISO_8859_1));
      byte[] sb = mutate(rnd, s.toString().getBytes(StandardCharsets.ISO_8859_1));
      drive(
          rnd, cb, sb, ServerPersonality.values()[rnd.nextInt(ServerPersonality.values().length)]);
    }
  }

  private static long drive(Random rnd, byte[] c, byte[] s, ServerPersonality p) {
    HttpConfig cfg = HttpConfig.defaults().withBodyLimits(64, 64).withHeaderLimits(80, 8, 256);
    Recorder r = new Recorder();
    HttpConnectionParser parser = new HttpConnectionParser(cfg, p, r);
    int ci = 0;
    int si = 0;
    while (ci < c.length || si < s.length) {
      boolean toServer = si >= s.length || (ci < c.length && rnd.nextBoolean());
      byte[] d = toServer ? c : s;
      int at = toServer ? ci : si;
      int n = Math.min(d.length - at, 1 + rnd.nextInt(40));
      if (rnd.nextInt(50) == 0) {
        parser.onGap(toServer, n);
      } else {
        parser.onData(toServer, d, at, n);
      }
      if (toServer) {
        ci += n;
      } else {
        si += n;
      }
    }
    parser.onClose(rnd.nextBoolean());
    parser.onClose(true);
    parser.onClose(false);
    assertEquals(0, parser.eventCount(HttpEvent.PARSER_FAILURE));
    for (HttpTransaction tx : r.responses) {
      touch(tx);
    }
    for (HttpTransaction tx : r.requests) {
      touch(tx);
    }
    return parser.transactionCount();
  }

  /** Every getter must work on whatever came out. */
  private static void touch(HttpTransaction tx) {
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

  private static byte[] randomBytes(Random rnd, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : ALPHABET[rnd.nextInt(ALPHABET.length)];
    }
    return b;
  }

  private static byte[] mutate(Random rnd, byte[] in) {
    byte[] b = in.clone();
    int edits = rnd.nextInt(6);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = rnd.nextInt(b.length);
      switch (rnd.nextInt(4)) {
        case 0 -> b[at] = (byte) rnd.nextInt(256);
        case 1 -> b[at] = ALPHABET[rnd.nextInt(ALPHABET.length)];
        case 2 -> {
          int len = Math.min(b.length - at, rnd.nextInt(8));
          byte[] r = new byte[b.length - len];
          System.arraycopy(b, 0, r, 0, at);
          System.arraycopy(b, at + len, r, at, b.length - at - len);
          b = r;
        }
        default -> {
          byte[] ins = randomBytes(rnd, 1 + rnd.nextInt(6));
          byte[] r = new byte[b.length + ins.length];
          System.arraycopy(b, 0, r, 0, at);
          System.arraycopy(ins, 0, r, at, ins.length);
          System.arraycopy(b, at, r, at + ins.length, b.length - at);
          b = r;
        }
      }
    }
    return b;
  }
}
