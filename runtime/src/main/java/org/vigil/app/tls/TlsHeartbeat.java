package org.vigil.app.tls;

/**
 * Suricata 7's heartbeat checks on one TLS connection (app-layer-ssl.c), which end the flow's TLS
 * parsing: before any ChangeCipherSpec a heartbeat's type must be request or response and a first
 * (request) heartbeat must carry its payload and at least 16 bytes of padding; a second heartbeat
 * from the side that sent the one in flight is refused; and once encrypted, an answer longer than
 * the encrypted request is the Heartbleed data leak. Each check runs when a heartbeat record is
 * complete, as Suricata reads those records whole.
 */
final class TlsHeartbeat {
  /** A ChangeCipherSpec record was seen (either direction): heartbeats are encrypted. */
  private boolean changeCipherSpec;

  private boolean inFlight;
  private boolean serverInitiated;
  private boolean clientInitiated;

  /** The length of the encrypted request in flight, 0 when none. */
  private int requestLength;

  /** A ChangeCipherSpec record was completed. */
  void changeCipherSpec() {
    changeCipherSpec = true;
  }

  /**
   * A heartbeat record of {@code length} body bytes was completed in direction {@code toServer};
   * {@code body} holds its first {@code bodyBytes} (up to 3) bytes. Returns false when Suricata
   * fails the record.
   */
  boolean record(boolean toServer, int length, byte[] body, int bodyBytes) {
    if (bodyBytes < 3) {
      return true; // Suricata skips such a short record without looking at it
    }
    int type = body[0] & 0xFF;
    if (!changeCipherSpec && type != 1 && type != 2) {
      return false;
    }
    if (!inFlight) {
      inFlight = true;
      serverInitiated = !toServer;
      clientInitiated = toServer;
      if (changeCipherSpec) {
        requestLength = length;
        return true;
      }
      int payload = ((body[1] & 0xFF) << 8) | (body[2] & 0xFF);
      return payload + 3 <= length && length - payload - 3 >= 16;
    }
    if ((!toServer && serverInitiated) || (toServer && clientInitiated)) {
      return false;
    }
    inFlight = false;
    serverInitiated = false;
    clientInitiated = false;
    boolean leak = changeCipherSpec && requestLength > 0 && requestLength < length;
    requestLength = 0;
    return !leak;
  }
}
