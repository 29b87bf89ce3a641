package org.vigil.app.dns;

import java.io.ByteArrayOutputStream;

/**
 * Reads a DNS name (RFC 1035 4.1.4) from a message, bounded against hostile input: labels of at
 * most 63 bytes, a name of at most {@link #MAX_NAME} bytes, at most {@link #MAX_POINTERS}
 * compression pointers, each pointing inside the message; extended label types (top bits 01 or 10)
 * are invalid. The name comes out dotted, its label bytes as sent.
 */
final class DnsName {
  /** The longest name accepted, dots included (RFC 1035 allows 255 octets on the wire). */
  static final int MAX_NAME = 255;

  /** Compression pointers followed per name (also what stops a pointer loop). */
  static final int MAX_POINTERS = 16;

  private DnsName() {}

  /**
   * Reads the name at {@code msg[pos]} of a message of {@code len} bytes at {@code msg[0]} into
   * {@code out}; returns the position after the name where it starts (after its first pointer, if
   * any), or -1 when invalid.
   */
  static int read(byte[] msg, int len, int pos, ByteArrayOutputStream out) {
    int after = -1;
    int pointers = 0;
    int p = pos;
    int written = 0;
    while (true) {
      if (p >= len) {
        return -1;
      }
      int b = msg[p] & 0xFF;
      if (b == 0) {
        return after >= 0 ? after : p + 1;
      }
      switch (b & 0xC0) {
        case 0xC0 -> {
          if (p + 1 >= len || ++pointers > MAX_POINTERS) {
            return -1;
          }
          if (after < 0) {
            after = p + 2;
          }
          p = ((b & 0x3F) << 8) | (msg[p + 1] & 0xFF);
        }
        case 0x00 -> {
          if (p + 1 + b > len) {
            return -1;
          }
          written += (written > 0 ? 1 : 0) + b;
          if (written > MAX_NAME) {
            return -1;
          }
          if (out.size() > 0) {
            out.write('.');
          }
          out.write(msg, p + 1, b);
          p += 1 + b;
        }
        default -> {
          return -1;
        }
      }
    }
  }
}
