package org.vigil.detect.api;

import java.util.List;

/**
 * The app-layer events a rule can test with {@code app-layer-event:<proto>.<event>} (Suricata's
 * names), each with its bit in the {@link Buffers#APP_EVENTS} buffer: the events Vigil's parsers
 * raise. The compiler lowers the keyword onto that bit; an app layer sets the bits of a
 * transaction's events with {@link #set}.
 */
public final class AppEvents {
  private AppEvents() {}

  /** The buffer's size in bytes (room for 8 × BYTES events). */
  public static final int BYTES = 16;

  private static final List<String> NAMES =
      List.of(
          "http.request_line_leading_whitespace",
          "http.request_line_invalid",
          "http.request_line_missing_protocol",
          "http.method_delim_non_compliant",
          "http.uri_delim_non_compliant",
          "http.request_field_missing_colon",
          "http.response_field_missing_colon",
          "http.request_header_invalid",
          "http.response_header_invalid",
          "http.invalid_request_field_folding",
          "http.invalid_response_field_folding",
          "http.request_field_too_long",
          "http.response_field_too_long",
          "http.request_too_many_headers",
          "http.response_too_many_headers",
          "http.request_header_repetition",
          "http.response_header_repetition",
          "http.missing_host_header",
          "http.invalid_content_length_field_in_request",
          "http.invalid_content_length_field_in_response",
          "http.duplicate_content_length_field_in_request",
          "http.duplicate_content_length_field_in_response",
          "http.invalid_transfer_encoding_value_in_request",
          "http.invalid_transfer_encoding_value_in_response",
          "http.invalid_request_chunk_len",
          "http.invalid_response_chunk_len",
          "http.request_chunk_extension",
          "http.response_invalid_status",
          "http.100_continue_already_seen",
          "http.unable_to_match_response_to_request",
          "http.gzip_decompression_failed",
          "http.too_many_encoding_layers");

  /** The bit of event {@code name} ("http.missing_host_header"), or -1 when none has it. */
  public static int id(String name) {
    return NAMES.indexOf(name);
  }

  /** Every event name, by id. */
  public static List<String> names() {
    return NAMES;
  }

  /** Sets the bit of event {@code name} in {@code buffer} (nothing for an unknown name). */
  public static void set(byte[] buffer, String name) {
    int id = id(name);
    if (id >= 0) {
      buffer[id >>> 3] |= (byte) (1 << (id & 7));
    }
  }
}
