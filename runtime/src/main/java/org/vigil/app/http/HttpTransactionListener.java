package org.vigil.app.http;

/**
 * Receives a connection's HTTP transactions as they progress, so detection can inspect each buffer
 * once per transaction in its direction. All methods run on the thread that feeds the parser.
 */
public interface HttpTransactionListener {

  /** Request line and headers are parsed (uri, method, request headers, cookies are final). */
  default void onRequestHeaders(HttpTransaction tx) {}

  /** The request is complete (http_client_body is final); called once per transaction. */
  default void onRequestComplete(HttpTransaction tx) {}

  /**
   * A CONNECT request reported complete while libhtp still waited for its answer was finalized by
   * libhtp (refused, then request data parsed again): where Suricata's request-complete hook runs.
   */
  default void onRequestFinalized(HttpTransaction tx) {}

  /** Status line and response headers are parsed (final, non-1xx response). */
  default void onResponseHeaders(HttpTransaction tx) {}

  /** The response is complete (file_data is final); called once per transaction. */
  default void onResponseComplete(HttpTransaction tx) {}

  /** An anomaly was seen; {@code tx} is the transaction it belongs to, or null if none. */
  default void onEvent(HttpTransaction tx, HttpEvent event) {}
}
