package org.vigil.decode;

/** Linux cooked capture v1 (DLT 113): 16-byte header ending with the protocol type. */
final class SllDecoder {
  private final Decoder d;

  SllDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    if (len < 16) {
      d.event(p, DecodeEvent.SLL_PKT_TOO_SMALL);
      return;
    }
    d.etherType(p, Bytes.u16(p.data, off + 14), off + 16, len - 16);
  }
}
