package org.vigil.app.http;

import org.vigil.app.BufferSink;
import org.vigil.detect.api.Buffers;

/**
 * The HTTP buffers Suricata names with sticky buffer keywords beyond Snort's http_* set: single
 * header values ({@code http.host}, {@code http.user_agent}, {@code http.referer}, ...), the header
 * names, the request/response line, {@code http.start} (line and headers) and the protocol. A
 * request unit gets the request's; a response unit the response's, plus the request-side ones (as
 * it gets the request line buffers), so a rule mixing both directions can match.
 */
final class HttpFieldBuffers {
  private HttpFieldBuffers() {}

  /**
   * The transaction's events so far as {@code app-layer-event} reads them (the internal {@link
   * Buffers#APP_EVENTS} buffer).
   */
  static void fillEvents(BufferSink ctx, HttpTransaction tx) {
    if (tx.eventBitsCount != tx.events.size()) {
      tx.eventBitsCount = tx.events.size();
      byte[] bits = new byte[Buffers.APP_EVENT_BYTES];
      for (HttpEvent e : tx.events) {
        int id = EVENT_IDS[e.ordinal()];
        if (id >= 0) {
          bits[id >>> 3] |= (byte) (1 << (id & 7));
        }
      }
      tx.eventBits = bits;
    }
    ctx.put(Buffers.APP_EVENTS, tx.eventBits, 0, tx.eventBits.length);
  }

  /** Per event (by ordinal), its bit among {@link Buffers#APP_EVENT_NAMES}, or -1. */
  private static final int[] EVENT_IDS = eventIds();

  private static int[] eventIds() {
    HttpEvent[] all = HttpEvent.values();
    int[] ids = new int[all.length];
    for (HttpEvent e : all) {
      ids[e.ordinal()] =
          e.suricataName() == null
              ? -1
              : Buffers.APP_EVENT_NAMES.indexOf("http." + e.suricataName());
    }
    return ids;
  }

  /** The request's buffers. */
  static void fillRequest(BufferSink ctx, HttpTransaction tx) {
    fillRequestOnly(ctx, tx);
    fillEvents(ctx, tx);
    HttpHeaders h = tx.requestHeaders();
    putMessageFields(ctx, h);
    put(ctx, Buffers.HTTP_HEADER_NAMES, h.namesBuffer());
    put(ctx, Buffers.HTTP_START, h.startBuffer(tx.requestLine()));
    put(ctx, Buffers.HTTP_PROTOCOL, tx.requestProtocol());
  }

  /** The response's buffers, and the request-only ones. */
  static void fillResponse(BufferSink ctx, HttpTransaction tx) {
    fillRequestOnly(ctx, tx);
    fillEvents(ctx, tx);
    HttpHeaders h = tx.responseHeaders();
    if (h == null) {
      return;
    }
    putResponseFields(ctx, h);
    put(ctx, Buffers.HTTP_HEADER_NAMES, h.namesBuffer());
    put(ctx, Buffers.HTTP_RESPONSE_LINE, tx.responseLine());
    put(ctx, Buffers.HTTP_START, h.startBuffer(tx.responseLine()));
    put(ctx, Buffers.HTTP_PROTOCOL, tx.responseProtocol());
  }

  /**
   * The response's buffers Suricata fills while its headers are still being parsed: the status
   * line's, and the single-field ones from the fields parsed so far; not the whole-header ones
   * ({@code http.header}, raw header, header names, {@code http.start}), which wait for the end of
   * the headers. The request-only ones too.
   */
  static void fillResponseInHeaders(BufferSink ctx, HttpTransaction tx) {
    fillRequestOnly(ctx, tx);
    fillEvents(ctx, tx);
    put(ctx, Buffers.HTTP_STAT_CODE, tx.statCode());
    put(ctx, Buffers.HTTP_STAT_MSG, tx.statMsg());
    put(ctx, Buffers.HTTP_RESPONSE_LINE, tx.responseLine());
    put(ctx, Buffers.HTTP_PROTOCOL, tx.responseProtocol());
    HttpHeaders h = tx.responseHeaders();
    if (h == null) {
      return;
    }
    putResponseFields(ctx, h);
    put(ctx, Buffers.HTTP_COOKIE, tx.responseCookie());
  }

  /** The single-field buffers either message has: content type and length, connection. */
  private static void putMessageFields(BufferSink ctx, HttpHeaders h) {
    put(ctx, Buffers.HTTP_CONTENT_TYPE, h.get("Content-Type"));
    put(ctx, Buffers.HTTP_CONTENT_LEN, h.get("Content-Length"));
    put(ctx, Buffers.HTTP_CONNECTION, h.get("Connection"));
  }

  /** A response's single-field buffers: its message's, location and server. */
  private static void putResponseFields(BufferSink ctx, HttpHeaders h) {
    putMessageFields(ctx, h);
    put(ctx, Buffers.HTTP_LOCATION, h.get("Location"));
    put(ctx, Buffers.HTTP_SERVER, h.get("Server"));
  }

  /** The buffers only a request has: host, user agent, referer, accept*, the request line. */
  private static void fillRequestOnly(BufferSink ctx, HttpTransaction tx) {
    HttpHeaders h = tx.requestHeaders();
    put(ctx, Buffers.HTTP_HOST, tx.hostnameBytes());
    put(ctx, Buffers.HTTP_RAW_HOST, h.get("Host"));
    put(ctx, Buffers.HTTP_USER_AGENT, h.get("User-Agent"));
    put(ctx, Buffers.HTTP_REFERER, h.get("Referer"));
    put(ctx, Buffers.HTTP_ACCEPT, h.get("Accept"));
    put(ctx, Buffers.HTTP_ACCEPT_ENC, h.get("Accept-Encoding"));
    put(ctx, Buffers.HTTP_ACCEPT_LANG, h.get("Accept-Language"));
    put(ctx, Buffers.HTTP_REQUEST_LINE, tx.requestLine());
  }

  private static void put(BufferSink ctx, int id, byte[] b) {
    if (b != null) {
      ctx.put(id, b, 0, b.length);
    }
  }
}
