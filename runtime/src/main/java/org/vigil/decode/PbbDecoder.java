package org.vigil.decode;

/**
 * IEEE 802.1ah provider backbone bridging (Ethernet type 0x88E7): a 4-byte I-TAG, then the customer
 * frame.
 */
final class PbbDecoder {
  private final Decoder d;

  PbbDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    if (len < 4 + 14) {
      d.event(p, DecodeEvent.IEEE8021AH_HEADER_TOO_SMALL);
      return;
    }
    d.ethernet.decode(p, off + 4, len - 4);
  }
}
