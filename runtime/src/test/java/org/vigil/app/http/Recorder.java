package org.vigil.app.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.vigil.app.http.normalize.ServerPersonality;

/** Test listener that records callbacks in order, plus helpers to feed conversations. */
class Recorder implements HttpTransactionListener {

  final List<String> calls = new ArrayList<>();
  final List<HttpTransaction> requests = new ArrayList<>();
  final List<HttpTransaction> responses = new ArrayList<>();
  final List<HttpEvent> events = new ArrayList<>();

  @Override
  public void onRequestHeaders(HttpTransaction tx) {
    calls.add("reqh" + tx.id());
  }

  @Override
  public void onRequestComplete(HttpTransaction tx) {
    calls.add("req" + tx.id());
    requests.add(tx);
  }

  @Override
  public void onRequestFinalized(HttpTransaction tx) {
    calls.add("fin" + tx.id());
  }

  @Override
  public void onResponseHeaders(HttpTransaction tx) {
    calls.add("resh" + tx.id());
  }

  @Override
  public void onResponseComplete(HttpTransaction tx) {
    calls.add("res" + tx.id());
    responses.add(tx);
  }

  @Override
  public void onEvent(HttpTransaction tx, HttpEvent event) {
    events.add(event);
  }

  /** One direction's bytes of a conversation. */
  record Part(boolean toServer, byte[] data) {
    static Part c(String s) {
      return new Part(true, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Part s(String s) {
      return new Part(false, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Part s(byte[] b) {
      return new Part(false, b);
    }

    static Part c(byte[] b) {
      return new Part(true, b);
    }
  }

  /** Feeds the parts in pieces of {@code chunk} bytes (0: whole; -1: random sizes). */
  static HttpConnectionParser feed(
      HttpConfig cfg,
      ServerPersonality p,
      Recorder r,
      int chunk,
      long seed,
      boolean close,
      Part... parts) {
    HttpConnectionParser parser = new HttpConnectionParser(cfg, p, r);
    Random rnd = new Random(seed);
    for (Part part : parts) {
      byte[] d = part.data();
      int off = 0;
      while (off < d.length) {
        int n =
            chunk == 0
                ? d.length - off
                : chunk > 0
                    ? Math.min(chunk, d.length - off)
                    : Math.min(1 + rnd.nextInt(7), d.length - off);
        // copy so that the parser cannot rely on the caller's array staying unchanged
        byte[] piece = java.util.Arrays.copyOfRange(d, off, off + n);
        parser.onData(part.toServer(), piece, 0, n);
        java.util.Arrays.fill(piece, (byte) 'X');
        off += n;
      }
    }
    if (close) {
      parser.onClose(true);
      parser.onClose(false);
    }
    return parser;
  }

  static String str(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
  }
}
