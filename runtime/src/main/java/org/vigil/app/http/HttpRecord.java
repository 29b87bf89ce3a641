package org.vigil.app.http;

import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * An HTTP transaction's EVE record ({@code event_type: http}, and the {@code http} object of alerts
 * on it), with Suricata's field names; every field is optional (null when the parser did not see
 * it).
 *
 * @param hostname {@code hostname}
 * @param url {@code url}
 * @param httpUserAgent {@code http_user_agent}
 * @param httpContentType {@code http_content_type}
 * @param httpRefer {@code http_refer}
 * @param httpMethod {@code http_method}
 * @param protocol {@code protocol}, e.g. "HTTP/1.1"
 * @param status {@code status}
 * @param length {@code length}, the response body length
 * @param httpPort {@code http_port}: the port the URI or Host header names, or null when neither
 *     names one
 * @param redirect {@code redirect}: the response's Location header, or null
 * @param xff {@code xff}: the request's X-Forwarded-For header, or null
 * @param contentRange {@code content_range}: the response's Content-Range header, or null
 */
public record HttpRecord(
    String hostname,
    String url,
    String httpUserAgent,
    String httpContentType,
    String httpRefer,
    String httpMethod,
    String protocol,
    Integer status,
    Long length,
    Integer httpPort,
    String redirect,
    String xff,
    ContentRange contentRange)
    implements AppRecord {

  /** A record without X-Forwarded-For and Content-Range. */
  public HttpRecord(
      String hostname,
      String url,
      String httpUserAgent,
      String httpContentType,
      String httpRefer,
      String httpMethod,
      String protocol,
      Integer status,
      Long length,
      Integer httpPort,
      String redirect) {
    this(
        hostname,
        url,
        httpUserAgent,
        httpContentType,
        httpRefer,
        httpMethod,
        protocol,
        status,
        length,
        httpPort,
        redirect,
        null,
        null);
  }

  /** A record without port and redirect. */
  public HttpRecord(
      String hostname,
      String url,
      String httpUserAgent,
      String httpContentType,
      String httpRefer,
      String httpMethod,
      String protocol,
      Integer status,
      Long length) {
    this(
        hostname,
        url,
        httpUserAgent,
        httpContentType,
        httpRefer,
        httpMethod,
        protocol,
        status,
        length,
        null,
        null);
  }

  /** The record of {@code tx} as parsed so far. */
  static HttpRecord of(HttpTransaction tx) {
    String referer = tx.requestHeaders() == null ? null : tx.requestHeaders().getString("Referer");
    return new HttpRecord(
        tx.hostname(),
        tx.url(),
        tx.userAgent(),
        tx.contentType(),
        referer,
        tx.methodString(),
        tx.protocol(),
        tx.hasResponse() && tx.status() > 0 ? tx.status() : null,
        tx.hasResponse() ? tx.length() : null,
        HostName.port(tx.rawUri(), tx.requestHeaders().get("Host")),
        tx.responseHeaders() == null ? null : tx.responseHeaders().getString("Location"),
        tx.requestHeaders() == null ? null : tx.requestHeaders().getString("X-Forwarded-For"),
        contentRange(tx.responseHeaders()));
  }

  private static ContentRange contentRange(HttpHeaders response) {
    String raw = response == null ? null : response.getString("Content-Range");
    return raw == null ? null : ContentRange.parse(raw);
  }

  @Override
  public String eventType() {
    return "http";
  }

  @Override
  public void writeFields(RecordWriter out) {
    out.string("hostname", hostname);
    out.number("http_port", httpPort);
    out.string("url", url);
    out.string("http_user_agent", httpUserAgent);
    out.string("xff", xff);
    out.string("http_content_type", httpContentType);
    if (contentRange != null) {
      contentRange.write(out);
    }
    out.string("http_refer", httpRefer);
    out.string("http_method", httpMethod);
    out.string("protocol", protocol);
    out.number("status", status);
    out.string("redirect", redirect);
    out.number("length", length);
  }

  /**
   * The value of a field by its EVE path, Suricata's names or the short ones ({@code
   * http.http_user_agent} or {@code http.user_agent}), or null.
   */
  @Override
  public String field(String path) {
    return switch (path) {
      case "http.hostname", "http.host" -> hostname;
      case "http.url", "http.uri" -> url;
      case "http.http_user_agent", "http.user_agent" -> httpUserAgent;
      case "http.http_content_type", "http.content_type" -> httpContentType;
      case "http.http_refer", "http.referer" -> httpRefer;
      case "http.http_method", "http.method" -> httpMethod;
      case "http.protocol" -> protocol;
      case "http.status" -> status == null ? null : status.toString();
      case "http.length" -> length == null ? null : length.toString();
      default -> null;
    };
  }
}
