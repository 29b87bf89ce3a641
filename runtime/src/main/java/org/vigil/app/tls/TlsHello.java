package org.vigil.app.tls;

/**
 * What the hello messages tell Suricata 7's encryption handling: a ClientHello carrying the
 * early_data extension (TLS 1.3 0-RTT) makes ApplicationData records sent before the ServerHello
 * early data, which does not end payload inspection. Reads the handshake messages at the start of a
 * complete handshake record body.
 */
final class TlsHello {
  static final int CLIENT_HELLO = 1;
  static final int SERVER_HELLO = 2;
  private static final int EXTENSION_EARLY_DATA = 42;

  private TlsHello() {}

  /**
   * The handshake type of the first message of the record body {@code body[off..off+len)}, or -1
   * when the body is too short.
   */
  static int messageType(byte[] body, int off, int len) {
    return len >= 4 ? body[off] & 0xFF : -1;
  }

  /**
   * True when the ClientHello at the start of the record body {@code body[off..off+len)} lists the
   * early_data extension.
   */
  static boolean hasEarlyData(byte[] body, int off, int len) {
    if (messageType(body, off, len) != CLIENT_HELLO) {
      return false;
    }
    int end = off + Math.min(len, 4 + u24(body, off + 1));
    int p = off + 4 + 2 + 32; // version, random
    if (p + 1 > end) {
      return false;
    }
    p += 1 + (body[p] & 0xFF); // session id
    if (p + 2 > end) {
      return false;
    }
    p += 2 + u16(body, p); // cipher suites
    if (p + 1 > end) {
      return false;
    }
    p += 1 + (body[p] & 0xFF); // compression methods
    if (p + 2 > end) {
      return false;
    }
    int extEnd = Math.min(end, p + 2 + u16(body, p));
    p += 2;
    while (p + 4 <= extEnd) {
      int type = u16(body, p);
      int extLen = u16(body, p + 2);
      if (type == EXTENSION_EARLY_DATA) {
        return true;
      }
      p += 4 + extLen;
    }
    return false;
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  private static int u24(byte[] b, int p) {
    return ((b[p] & 0xFF) << 16) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] & 0xFF);
  }
}
