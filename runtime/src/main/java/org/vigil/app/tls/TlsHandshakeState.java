package org.vigil.app.tls;

/**
 * The handshake facts of one TLS connection that decide whether ApplicationData ends inspection.
 */
final class TlsHandshakeState {
  /** The ClientHello listed the early_data extension (TLS 1.3 0-RTT). */
  boolean earlyData;

  /** The server's ServerHello was seen. */
  boolean serverHello;

  /**
   * True when ApplicationData now is 0-RTT early data, which Suricata does not treat as encrypted
   * traffic.
   */
  boolean applicationDataIsEarly() {
    return earlyData && !serverHello;
  }
}
