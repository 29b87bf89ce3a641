package org.vigil.decode;

/** Linux cooked capture v2 (DLT 276): 20-byte header starting with the protocol type. */
final class Sll2Decoder {
  private final Decoder d;

  Sll2Decoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    if (len < 20) {
      d.event(p, DecodeEvent.SLL2_PKT_TOO_SMALL);
      return;
    }
    d.etherType(p, Bytes.u16(p.data, off), off + 20, len - 20);
  }
}
