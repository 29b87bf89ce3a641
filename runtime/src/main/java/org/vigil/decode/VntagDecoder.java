package org.vigil.decode;

/** Cisco VN-Tag (Ethernet type 0x8926): a 4-byte tag, then the next Ethernet type. */
final class VntagDecoder {
  private final Decoder d;

  VntagDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    if (len < 6) {
      d.event(p, DecodeEvent.VNTAG_HEADER_TOO_SMALL);
      return;
    }
    d.etherType(p, Bytes.u16(p.data, off + 4), off + 6, len - 6);
  }
}
