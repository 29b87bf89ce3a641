package org.vigil.app.http;

/**
 * An anomaly in HTTP traffic, counted per connection and recorded on its transaction; where
 * Suricata has an HTTP app-layer event of the same meaning, {@link #suricataName()} gives its name.
 */
public enum HttpEvent {
  REQUEST_LINE_LEADING_WHITESPACE("request_line_leading_whitespace"),
  REQUEST_LINE_INVALID("request_line_invalid"),
  REQUEST_LINE_MISSING_PROTOCOL("request_line_missing_protocol"),
  METHOD_DELIM_NON_COMPLIANT("method_delim_non_compliant"),
  URI_DELIM_NON_COMPLIANT("uri_delim_non_compliant"),
  REQUEST_FIELD_MISSING_COLON("request_field_missing_colon"),
  RESPONSE_FIELD_MISSING_COLON("response_field_missing_colon"),
  REQUEST_HEADER_INVALID("request_header_invalid"),
  RESPONSE_HEADER_INVALID("response_header_invalid"),
  INVALID_REQUEST_FIELD_FOLDING("invalid_request_field_folding"),
  INVALID_RESPONSE_FIELD_FOLDING("invalid_response_field_folding"),
  REQUEST_FIELD_TOO_LONG("request_field_too_long"),
  RESPONSE_FIELD_TOO_LONG("response_field_too_long"),
  REQUEST_TOO_MANY_HEADERS("request_too_many_headers"),
  RESPONSE_TOO_MANY_HEADERS("response_too_many_headers"),
  REQUEST_HEADER_REPETITION("request_header_repetition"),
  RESPONSE_HEADER_REPETITION("response_header_repetition"),
  MISSING_HOST_HEADER("missing_host_header"),
  /** The request URI's host (a CONNECT's target, an absolute URI's authority) is invalid. */
  REQUEST_URI_HOST_INVALID("request_uri_host_invalid"),
  /** The Host header's host or port is invalid. */
  REQUEST_HEADER_HOST_INVALID("request_header_host_invalid"),
  /** The request URI and the Host header name different hosts or ports. */
  HOST_HEADER_AMBIGUOUS("host_header_ambiguous"),
  /** An Authorization header of a scheme other than Basic, Digest or Bearer (NTLM, Negotiate). */
  REQUEST_AUTH_UNRECOGNIZED("request_auth_unrecognized"),
  INVALID_CONTENT_LENGTH_FIELD_IN_REQUEST("invalid_content_length_field_in_request"),
  INVALID_CONTENT_LENGTH_FIELD_IN_RESPONSE("invalid_content_length_field_in_response"),
  DUPLICATE_CONTENT_LENGTH_FIELD_IN_REQUEST("duplicate_content_length_field_in_request"),
  DUPLICATE_CONTENT_LENGTH_FIELD_IN_RESPONSE("duplicate_content_length_field_in_response"),
  INVALID_TRANSFER_ENCODING_VALUE_IN_REQUEST("invalid_transfer_encoding_value_in_request"),
  INVALID_TRANSFER_ENCODING_VALUE_IN_RESPONSE("invalid_transfer_encoding_value_in_response"),
  REQUEST_SMUGGLING(null),
  INVALID_REQUEST_CHUNK_LEN("invalid_request_chunk_len"),
  INVALID_RESPONSE_CHUNK_LEN("invalid_response_chunk_len"),
  REQUEST_CHUNK_EXTENSION("request_chunk_extension"),
  RESPONSE_CHUNK_EXTENSION(null),
  INVALID_RESPONSE_LINE(null),
  INVALID_STATUS_CODE("response_invalid_status"),
  CONTINUE_ALREADY_SEEN("100_continue_already_seen"),
  UNABLE_TO_MATCH_RESPONSE_TO_REQUEST("unable_to_match_response_to_request"),
  GZIP_DECOMPRESSION_FAILED("gzip_decompression_failed"),
  UNSUPPORTED_CONTENT_ENCODING(null),
  TOO_MANY_ENCODING_LAYERS("too_many_encoding_layers"),
  REQUEST_BODY_TRUNCATED(null),
  RESPONSE_BODY_TRUNCATED(null),
  URI_ENCODING_INVALID(null),
  URI_ENCODED_SEPARATOR(null),
  URI_ENCODED_NUL(null),
  URI_RAW_NUL(null),
  URI_U_ENCODING(null),
  URI_OVERLONG_U(null),
  URI_HALF_FULL_RANGE(null),
  URI_UTF8_OVERLONG(null),
  URI_UTF8_INVALID(null),
  URI_DOUBLE_ENCODED(null),
  URI_ABOVE_ROOT(null),
  REQUEST_DATA_GAP(null),
  RESPONSE_DATA_GAP(null),
  REQUEST_INCOMPLETE(null),
  RESPONSE_INCOMPLETE(null),
  /**
   * A response's Content-Range header, read when its body opens a file, does not parse or names a
   * range outside the whole size (Suricata's own check, not libhtp's).
   */
  RANGE_INVALID("range_invalid"),
  /**
   * A response framed by neither chunking nor Content-Length whose type is multipart/byteranges.
   */
  RESPONSE_MULTIPART_BYTERANGES("response_multipart_byteranges"),
  /** A status line whose protocol is none of HTTP/0.9, HTTP/1.0, HTTP/1.1 (exact case). */
  RESPONSE_INVALID_PROTOCOL("response_invalid_protocol"),
  /** A chunked response whose status line's protocol is below HTTP/1.1 (or invalid). */
  RESPONSE_CHUNKED_OLD_PROTO("response_chunked_old_proto"),
  /**
   * A line after a finished request, in the data that ended it, that starts with no known method:
   * libhtp reads it as more of that request's body (each such line raises it again).
   */
  REQUEST_BODY_UNEXPECTED("request_body_unexpected"),
  /**
   * Vigil could not parse this direction any further (a parser defect; the direction is skipped).
   */
  PARSER_FAILURE(null);

  private final String suricataName;

  HttpEvent(String suricataName) {
    this.suricataName = suricataName;
  }

  /**
   * The name Suricata gives this event in {@code app-layer-event:http.<name>} (e.g.
   * "request_field_missing_colon"), or null for an event only Vigil raises.
   */
  public String suricataName() {
    return suricataName;
  }
}
