package org.vigil.app.tls;

/**
 * A TLS parser event as Suricata 7 raises it (EVE anomaly {@code event} names; rules test them with
 * {@code app-layer-event:tls.<lower-case name>}).
 */
public enum TlsEvent {
  /**
   * A record of a content type Suricata does not parse: ignored after a TLS 1.0 or 1.1 record, else
   * the end of the parsing.
   */
  INVALID_RECORD_TYPE,
  /** A record version Suricata does not know (checked until the direction's first handshake). */
  INVALID_RECORD_VERSION,
  /** A record of length 0 or longer than 2^14 + 1024 bytes. */
  INVALID_RECORD_LENGTH,
  /**
   * A handshake message of a type Suricata does not parse, before its direction's ChangeCipherSpec.
   */
  INVALID_HANDSHAKE_MESSAGE;

  /** The {@code app-layer-event} name ("tls.invalid_record_type"). */
  public String ruleName() {
    return "tls." + name().toLowerCase(java.util.Locale.ROOT);
  }
}
