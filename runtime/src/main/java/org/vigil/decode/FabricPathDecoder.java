package org.vigil.decode;

/** Cisco FabricPath / DCE (Ethernet type 0x8903): a 2-byte tag, then the inner Ethernet frame. */
final class FabricPathDecoder {
  private final Decoder d;

  FabricPathDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    if (len < 2 + 14) {
      d.event(p, DecodeEvent.DCE_PKT_TOO_SMALL);
      return;
    }
    d.ethernet.decode(p, off + 2, len - 2);
  }
}
