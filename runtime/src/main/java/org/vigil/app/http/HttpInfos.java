package org.vigil.app.http;

import org.vigil.output.HttpInfo;

/** The EVE {@code http} object of a parsed transaction. */
final class HttpInfos {
  private HttpInfos() {}

  static HttpInfo of(HttpTransaction tx) {
    String referer = tx.requestHeaders() == null ? null : tx.requestHeaders().getString("Referer");
    return new HttpInfo(
        tx.hostname(),
        tx.url(),
        tx.userAgent(),
        tx.contentType(),
        referer,
        tx.methodString(),
        tx.protocol(),
        tx.hasResponse() && tx.status() > 0 ? tx.status() : null,
        tx.hasResponse() ? tx.length() : null);
  }
}
