package org.vigil.output;

/**
 * The HTTP transaction metadata EVE prints in its {@code http} object (Suricata's field names in
 * the comments); every field is optional (null when the parser did not see it).
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
 */
public record HttpInfo(
    String hostname,
    String url,
    String httpUserAgent,
    String httpContentType,
    String httpRefer,
    String httpMethod,
    String protocol,
    Integer status,
    Long length) {

  /**
   * The value of a captured field by its EVE path ({@code http.user_agent} style names), or null.
   */
  public String field(String name) {
    return switch (name) {
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

  /** True when {@link #field} knows the name. */
  public static boolean knowsField(String name) {
    return switch (name) {
      case "http.hostname",
          "http.host",
          "http.url",
          "http.uri",
          "http.http_user_agent",
          "http.user_agent",
          "http.http_content_type",
          "http.content_type",
          "http.http_refer",
          "http.referer",
          "http.http_method",
          "http.method",
          "http.protocol",
          "http.status",
          "http.length" ->
          true;
      default -> false;
    };
  }
}
