package org.vigil.app.http;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.vigil.app.AlertedRules;

/**
 * One HTTP request and its response, with every inspection buffer the rules read. Buffers are
 * exact-size arrays built once (lazily) and shared: callers must not modify them. A getter returns
 * null when the buffer does not exist (no such header, no response yet, HTTP/0.9 protocol...).
 */
public final class HttpTransaction implements org.vigil.app.AppTransaction {
  private static final String[] NO_HASHES = new String[3];

  private final long id;
  byte[] requestLine;
  byte[] method;
  byte[] rawUri;
  byte[] normalizedUri;
  byte[] requestProtocol;

  /** An HTTP/0.9 request: no protocol and no header lines after it (its answer is all body). */
  boolean http09;

  /** First capacity of a raw header block. */
  static final int RAW_HEADER_START = 512;

  final HttpHeaders requestHeaders = new HttpHeaders();
  // raw header blocks start at 512 bytes: most are 200-1000, and growing from 64 copied them 3-4x
  final ByteBuilder rawRequestHeader = new ByteBuilder(RAW_HEADER_START);
  final ByteBuilder requestBody = new ByteBuilder(16);
  long requestBodyLength;
  boolean requestBodyTruncated;

  byte[] responseLine;
  byte[] responseProtocol;
  byte[] statusCode;
  byte[] statusMessage;
  int status = -1;
  HttpHeaders responseHeaders;
  ByteBuilder rawResponseHeader;
  final ByteBuilder responseBody = new ByteBuilder(16);
  long responseMessageLength;
  boolean responseBodyTruncated;

  /** Bytes of the decoded response body (its file) seen, lost ones counted. */
  long responseFileSize;

  /** Part of the response body was lost in a stream gap. */
  boolean responseFileGaps;

  /**
   * Body bytes came past response-body-limit: the file stopped there and ends {@code TRUNCATED},
   * with no digests.
   */
  boolean responseFileTruncated;

  /** The digests of the response body's file being computed, or null (none configured). */
  FileDigests responseDigests;

  /** The digests of the request body's file being computed, or null. */
  FileDigests requestDigests;

  private String[] responseHashes;
  private String[] requestHashes;
  boolean responseSeen;

  boolean requestHeadersDone;
  boolean requestDone;
  boolean responseHeadersDone;

  /**
   * Whether the response's body began (framed by length, chunks or close): Suricata inspects the
   * response's http_header only from then on, or once the response completed.
   */
  boolean responseBodyStarted;

  boolean responseDone;

  /**
   * A CONNECT request whose headers are parsed but which libhtp has not finalized (it waits for the
   * response, then for request data to be parsed again): Suricata's request-complete hook has not
   * run.
   */
  boolean requestFinalizePending;

  /** The chunked request body ended with its trailer section (libhtp's request trailer hook). */
  boolean requestTrailer;

  /** The chunked response body ended with its trailer section (libhtp's response trailer hook). */
  boolean responseTrailer;

  final EnumSet<HttpEvent> events = EnumSet.noneOf(HttpEvent.class);

  /** A response that answered no request (libhtp made its transaction). */
  boolean noRequest;

  /** The events written as anomaly records once for this transaction ({@link HttpAnomalies}). */
  final EnumSet<HttpEvent> eventsWritten = EnumSet.noneOf(HttpEvent.class);

  private byte[] requestHeaderBuf;
  private byte[] responseHeaderBuf;
  private int requestHeaderMods = -1;
  private int responseHeaderMods = -1;
  private String hostname;
  private boolean hostnameDone;
  private byte[] hostnameBytes;

  /** The app-layer event bits of {@link #events} and how many events they were built from. */
  byte[] eventBits;

  int eventBitsCount = -1;

  private final AlertedRules alerted = new AlertedRules();

  HttpTransaction(long id) {
    this.id = id;
  }

  /**
   * True while this is a CONNECT request libhtp has not finalized yet (waiting for its response,
   * then for more request data): Suricata has not run its request-complete hook (no raw trigger).
   */
  public boolean requestFinalizePending() {
    return requestFinalizePending;
  }

  /** True for a response that answered no request (its URI is libhtp's placeholder). */
  public boolean noRequest() {
    return noRequest;
  }

  /** Position of this transaction on its connection, from 0. */
  @Override
  public long id() {
    return id;
  }

  /** The EVE {@code http} record of this transaction as parsed so far, made on each call. */
  @Override
  public HttpRecord appRecord() {
    return HttpRecord.of(this);
  }

  // ---- request buffers

  /** http_method: the request method as sent, e.g. "GET". */
  public byte[] method() {
    return method;
  }

  /** http_raw_uri: the request-target exactly as sent on the request line. */
  public byte[] rawUri() {
    return rawUri;
  }

  /**
   * http_uri (and uricontent, urilen): the request-target normalized for the server personality;
   * for an absolute URI only path, query and fragment. Null when the target has no path.
   */
  public byte[] uri() {
    return normalizedUri;
  }

  /** The request line without its line ending. */
  public byte[] requestLine() {
    return requestLine;
  }

  /** The protocol on the request line ("HTTP/1.1"), or null for an HTTP/0.9 request. */
  public byte[] requestProtocol() {
    return requestProtocol;
  }

  /** The request header fields (duplicates merged). */
  public HttpHeaders requestHeaders() {
    return requestHeaders;
  }

  /** http_header, request side: "Name: value\r\n" per field except Cookie, no final empty line. */
  public byte[] requestHeaderBuffer() {
    if (requestHeadersDone && requestHeaderMods != requestHeaders.modifications()) {
      requestHeaderMods = requestHeaders.modifications();
      requestHeaderBuf = requestHeaders.render("Cookie");
    }
    return requestHeaderBuf == null || requestHeaderBuf.length == 0 ? null : requestHeaderBuf;
  }

  /** http_raw_header, request side: the header lines as sent, up to and with the empty line. */
  public byte[] requestRawHeader() {
    return requestHeadersDone && requestProtocol != null ? rawRequestHeader.toArray() : null;
  }

  /** http_cookie, request side: the Cookie field's value (duplicates merged), or null. */
  public byte[] requestCookie() {
    return requestHeaders.get("Cookie");
  }

  /** http_raw_cookie, request side: the Cookie value as sent (Vigil keeps no separate decoding). */
  public byte[] requestRawCookie() {
    return requestCookie();
  }

  /** http_client_body: the request body, dechunked, at most request-body-limit bytes. */
  public byte[] clientBody() {
    return requestBody.length() == 0 ? null : requestBody.toArray();
  }

  /** Bytes of http_client_body kept so far (the request body may still grow). */
  public int clientBodyKept() {
    return requestBody.length();
  }

  /** Whole request body length (dechunked), including what passed the inspection limit. */
  public long requestBodyLength() {
    return requestBodyLength;
  }

  /** True when the request body was longer than request-body-limit or lost in a gap. */
  public boolean requestBodyTruncated() {
    return requestBodyTruncated;
  }

  // ---- response buffers

  /** Whether a response (status line) was seen for this request. */
  public boolean hasResponse() {
    return responseSeen;
  }

  /** The status line without its line ending, or null. */
  public byte[] responseLine() {
    return responseLine;
  }

  /** http_stat_code: the three status digits as sent, or null. */
  public byte[] statCode() {
    return statusCode;
  }

  /** http_stat_msg: the reason phrase, or null. */
  public byte[] statMsg() {
    return statusMessage;
  }

  /** The status as a number, or -1 when there is none or it is not a number. */
  public int status() {
    return status;
  }

  /** The protocol on the status line ("HTTP/1.1"), or null. */
  public byte[] responseProtocol() {
    return responseProtocol;
  }

  /** The response header fields (duplicates merged), or null before the response. */
  public HttpHeaders responseHeaders() {
    return responseHeaders;
  }

  /** http_header, response side: "Name: value\r\n" per field except Set-Cookie. */
  public byte[] responseHeaderBuffer() {
    if (responseHeadersDone
        && (responseBodyStarted || responseDone)
        && responseHeaders != null
        && responseHeaderMods != responseHeaders.modifications()) {
      responseHeaderMods = responseHeaders.modifications();
      responseHeaderBuf = responseHeaders.render("Set-Cookie");
    }
    return responseHeaderBuf == null || responseHeaderBuf.length == 0 ? null : responseHeaderBuf;
  }

  /** http_raw_header, response side: the header lines as sent, with the empty line. */
  public byte[] responseRawHeader() {
    return responseHeadersDone && rawResponseHeader != null ? rawResponseHeader.toArray() : null;
  }

  /** http_cookie, response side: the Set-Cookie value (duplicates merged), or null. */
  public byte[] responseCookie() {
    return responseHeaders == null ? null : responseHeaders.get("Set-Cookie");
  }

  /** http_raw_cookie, response side: the Set-Cookie value as sent. */
  public byte[] responseRawCookie() {
    return responseCookie();
  }

  /** file_data: the response body dechunked and decompressed, at most response-body-limit bytes. */
  public byte[] fileData() {
    return responseBody.length() == 0 ? null : responseBody.toArray();
  }

  /** Bytes of file_data kept so far (the response body may still grow). */
  public int fileDataKept() {
    return responseBody.length();
  }

  /** True when the decoded response body was longer than response-body-limit or lost in a gap. */
  public boolean responseBodyTruncated() {
    return responseBodyTruncated;
  }

  /** Bytes of response message body on the wire (before dechunking and decompression). */
  public long responseMessageLength() {
    return responseMessageLength;
  }

  // ---- EVE http fields

  /**
   * EVE "hostname": the host of an absolute request URI, else of the Host header, lowercased,
   * without port or trailing dot; null if neither.
   */
  public String hostname() {
    if (!hostnameDone) {
      hostnameDone = true;
      hostname = HostName.of(rawUri, requestHeaders.get("Host"));
    }
    return hostname;
  }

  /** http.host: {@link #hostname()} as bytes, or null. */
  byte[] hostnameBytes() {
    String h = hostname();
    if (h != null && hostnameBytes == null) {
      hostnameBytes = h.getBytes(StandardCharsets.ISO_8859_1);
    }
    return hostnameBytes;
  }

  /** EVE "url": the request-target as sent. */
  public String url() {
    return str(rawUri);
  }

  /** EVE "http_user_agent": the User-Agent value, or null. */
  public String userAgent() {
    return requestHeaders.getString("User-Agent");
  }

  /** EVE "http_method". */
  public String methodString() {
    return str(method);
  }

  /** EVE "protocol": the request's protocol string, or null for HTTP/0.9. */
  public String protocol() {
    return str(requestProtocol);
  }

  /** EVE "length": the response message-body length. */
  public long length() {
    return responseMessageLength;
  }

  /** EVE "http_content_type": the response Content-Type value without parameters, or null. */
  public String contentType() {
    String ct = responseHeaders == null ? null : responseHeaders.getString("Content-Type");
    if (ct == null) {
      return null;
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim();
  }

  // ---- progress and events

  /** The request headers have been parsed. */
  public boolean requestHeadersDone() {
    return requestHeadersDone;
  }

  /** The request is complete. */
  public boolean requestDone() {
    return requestDone;
  }

  /** The response headers have been parsed. */
  public boolean responseHeadersDone() {
    return responseHeadersDone;
  }

  /** The response is complete. */
  public boolean responseDone() {
    return responseDone;
  }

  /**
   * True when the request body was chunked and its trailer section (empty or not) was read, by its
   * empty line or by the close of the connection: where libhtp 0.5 runs its request trailer hook,
   * which Suricata 7 records as "request has trailers".
   */
  public boolean requestHasTrailer() {
    return requestTrailer;
  }

  /** As {@link #requestHasTrailer()}, for the response. */
  public boolean responseHasTrailer() {
    return responseTrailer;
  }

  /** The anomalies seen in this transaction. */
  public Set<HttpEvent> events() {
    return java.util.Collections.unmodifiableSet(events);
  }

  /**
   * As Suricata's HTTP file tracking: the response body, when it has bytes and the request a URI
   * path, named by that path or by the response's Content-Disposition filename; a PUT or POST
   * request's body (not a multipart one) named by the path.
   */
  @Override
  public java.util.List<org.vigil.app.AppFile> files() {
    java.util.List<org.vigil.app.AppFile> out = new java.util.ArrayList<>(1);
    String path = HttpFiles.path(normalizedUri);
    if (path != null && requestBodyLength > 0 && HttpFiles.uploads(method, requestHeaders)) {
      // digests are final once the body is: a file still open has none yet
      if (requestHashes == null && requestDigests != null && requestDone) {
        requestHashes = requestDigests.finish();
      }
      String[] h = requestHashes == null ? NO_HASHES : requestHashes;
      out.add(
          new org.vigil.app.AppFile(
              true, path, requestBodyLength, false, requestDone, h[0], h[1], h[2]));
    }
    if (responseFileSize > 0) {
      String name = HttpFiles.dispositionName(responseHeaders);
      if (name == null) {
        name = path;
      }
      if (name != null) {
        boolean closed = responseDone && !responseFileTruncated;
        if (responseHashes == null && responseDigests != null && closed) {
          responseHashes = responseDigests.finish();
        }
        String[] h = responseHashes == null || !closed ? NO_HASHES : responseHashes;
        out.add(
            new org.vigil.app.AppFile(
                false, name, responseFileSize, responseFileGaps, closed, h[0], h[1], h[2]));
      }
    }
    return out;
  }

  @Override
  public byte[] body(boolean toServer) {
    return toServer ? clientBody() : fileData();
  }

  private static String str(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return "HttpTransaction[" + id + " " + methodString() + " " + url() + " -> " + status + "]";
  }

  /**
   * True the first time rule {@code index} alerts on this transaction: a rule alerts once per
   * transaction, even when the response's inspection shows it the request line again.
   */
  @Override
  public boolean firstAlert(int index) {
    return alerted.first(index);
  }
}
