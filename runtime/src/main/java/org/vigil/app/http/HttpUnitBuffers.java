package org.vigil.app.http;

import org.vigil.app.BufferSink;
import org.vigil.detect.api.Buffers;

/**
 * The http_* buffers of an HTTP unit taken from its transaction: those final once a message's
 * headers are parsed, the request line a rule of either direction may read, and a body buffer.
 */
final class HttpUnitBuffers {
  private HttpUnitBuffers() {}

  /** The request buffers final once the request headers are parsed. */
  static void fillRequestHeaders(BufferSink ctx, HttpTransaction tx) {
    fillRequestLine(ctx, tx);
    put(ctx, Buffers.HTTP_HEADER, tx.requestHeaderBuffer());
    put(ctx, Buffers.HTTP_RAW_HEADER, tx.requestRawHeader());
    put(ctx, Buffers.HTTP_COOKIE, tx.requestCookie());
    put(ctx, Buffers.HTTP_RAW_COOKIE, tx.requestRawCookie());
    HttpFieldBuffers.fillRequest(ctx, tx);
  }

  /**
   * The buffers a response inspection reads that are final once the response headers are parsed.
   */
  static void fillResponseHeaders(BufferSink ctx, HttpTransaction tx) {
    fillRequestLine(ctx, tx);
    put(ctx, Buffers.HTTP_HEADER, tx.responseHeaderBuffer());
    put(ctx, Buffers.HTTP_RAW_HEADER, tx.responseRawHeader());
    put(ctx, Buffers.HTTP_COOKIE, tx.responseCookie());
    put(ctx, Buffers.HTTP_RAW_COOKIE, tx.responseRawCookie());
    put(ctx, Buffers.HTTP_STAT_CODE, tx.statCode());
    put(ctx, Buffers.HTTP_STAT_MSG, tx.statMsg());
    HttpFieldBuffers.fillResponse(ctx, tx);
  }

  /** The request-side buffers a rule of either direction may read: uri, raw uri, method. */
  static void fillRequestLine(BufferSink ctx, HttpTransaction tx) {
    put(ctx, Buffers.HTTP_URI, tx.uri());
    put(ctx, Buffers.HTTP_RAW_URI, tx.rawUri());
    put(ctx, Buffers.HTTP_METHOD, tx.method());
  }

  /**
   * The body buffer of a pass whose window starts at {@code offset} (-1: no body buffer). The
   * buffer handed to the rules always starts at the body's first byte: Suricata anchors a first
   * content's depth/offset to the body's real start when its window starts later, and Vigil's
   * matchers anchor them to the buffer's first byte, so a window starting past 0 would let such a
   * content match at the window's start. Inspecting from the start instead keeps anchored contents
   * exact; what a pass adds is the window's new bytes (a rule that matched on an earlier pass is
   * not evaluated again).
   */
  static void putFrom(BufferSink ctx, int id, ByteBuilder body, long offset) {
    if (offset >= 0 && offset < body.length()) {
      body.putTo(ctx, id);
    }
  }

  private static void put(BufferSink ctx, int id, byte[] b) {
    if (b != null) {
      ctx.put(id, b, 0, b.length);
    }
  }
}
