package org.vigil.output;

/**
 * The bytes an alert record may carry when its EVE options ask for them ({@code payload}, {@code
 * payload-printable}, {@code packet}, {@code http-body}, {@code http-body-printable}); the arrays
 * are the alert's own copies.
 *
 * @param payload the data the rule matched in: the packet's payload, or for a match in stream or
 *     app-layer data the reassembled stream data of its direction; null when none
 * @param stream true when {@code payload} is reassembled stream data (EVE {@code stream: 1})
 * @param packet the whole frame as captured (EVE {@code packet}), or null for a pseudo packet
 * @param linkType the frame's link type (EVE {@code packet_info.linktype})
 * @param requestBody the HTTP request body kept for inspection (EVE {@code
 *     http.http_request_body}), or null
 * @param responseBody the HTTP response body kept for inspection (EVE {@code
 *     http.http_response_body}), or null
 * @param shown the alert options of the run's outputs that asked for these bytes (what eve.json
 *     shows of them; a writer rendering the durable log shows the same), or null when not known
 * @param truncated true when some of these bytes were cut so that the alert's record fits the
 *     durable alert log (EVE {@code payload_truncated})
 */
public record AlertPayload(
    byte[] payload,
    boolean stream,
    byte[] packet,
    int linkType,
    byte[] requestBody,
    byte[] responseBody,
    EveOptions shown,
    boolean truncated) {

  /** The bytes, none of them cut. */
  public AlertPayload(
      byte[] payload,
      boolean stream,
      byte[] packet,
      int linkType,
      byte[] requestBody,
      byte[] responseBody,
      EveOptions shown) {
    this(payload, stream, packet, linkType, requestBody, responseBody, shown, false);
  }

  /** The bytes without the options that asked for them. */
  public AlertPayload(
      byte[] payload,
      boolean stream,
      byte[] packet,
      int linkType,
      byte[] requestBody,
      byte[] responseBody) {
    this(payload, stream, packet, linkType, requestBody, responseBody, null);
  }

  /**
   * The text EVE's {@code *_printable} fields show of {@code b}: printable ASCII, CR and LF as they
   * are, every other byte as a dot.
   */
  public static String printable(byte[] b) {
    char[] out = new char[b.length];
    for (int i = 0; i < b.length; i++) {
      int c = b[i] & 0xff;
      out[i] = (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' ? (char) c : '.';
    }
    return new String(out);
  }
}
