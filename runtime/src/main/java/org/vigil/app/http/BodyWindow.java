package org.vigil.app.http;

/**
 * Which bytes of an HTTP message body one detection pass inspects, as Suricata 7 does before and at
 * the message's completion (detect-file-data.c for response bodies, file_data and http_server_body;
 * detect-http-client-body.c for request bodies): nothing until the body buffered reaches the
 * minimal inspect size (or its limit, or the message completes); then, on every pass that finds new
 * body bytes, the new bytes with up to a window of bytes before them. One instance per direction's
 * message; not thread-safe.
 */
final class BodyWindow {
  private final boolean response;
  private final int minSize;
  private final int window;
  private final int limit;

  /**
   * Suricata's content_inspected / body_inspected: bytes of the body up to which it was inspected.
   */
  private long inspected;

  /**
   * The windowing of a response body (or request body) whose kept bytes stop at {@code limit} (0:
   * none).
   */
  BodyWindow(boolean response, int minSize, int window, int limit) {
    this.response = response;
    this.minSize = minSize;
    this.window = window;
    this.limit = limit;
  }

  /** A response body's windowing under {@code config}. */
  static BodyWindow response(HttpConfig config) {
    HttpConfig.BodyInspection b = config.bodyInspection();
    return new BodyWindow(
        true, b.responseMinSize(), b.responseWindow(), config.responseBodyLimit());
  }

  /** A request body's windowing under {@code config}. */
  static BodyWindow request(HttpConfig config) {
    HttpConfig.BodyInspection b = config.bodyInspection();
    return new BodyWindow(false, b.requestMinSize(), b.requestWindow(), config.requestBodyLimit());
  }

  /** True once a pass inspected part of the body. */
  boolean started() {
    return inspected > 0;
  }

  /**
   * A detection pass sees {@code size} body bytes; {@code done} when the message is complete (or
   * the flow ends). Returns the offset of the first byte to inspect (the rest of the body up to
   * {@code size}), or -1 when the body is not inspected on this pass; records the inspection.
   */
  long next(long size, boolean done) {
    if (size == 0 || inspected == size) {
      return -1;
    }
    if (!done && size < minSize && (limit == 0 || size < limit)) {
      return -1;
    }
    long offset = 0;
    if (response ? inspected > 0 : inspected > minSize) {
      long fresh = size - inspected;
      if (fresh < window) {
        offset = Math.max(0, inspected - (window - fresh));
      } else {
        offset = Math.max(0, inspected - window / 4);
      }
    }
    inspected = Math.max(inspected, size);
    return offset;
  }
}
