package org.vigil.decode;

/**
 * ERSPAN type II (8-byte header, version 1); Ethernet inside. Type III is not decoded, as in
 * Suricata 7.0, so its GRE packet stays the innermost packet.
 */
final class ErspanDecoder {
  private final Decoder d;

  ErspanDecoder(Decoder d) {
    this.d = d;
  }

  void decodeTypeII(Packet p, int off, int len) {
    if (len < 8) {
      d.event(p, DecodeEvent.ERSPAN_HEADER_TOO_SMALL);
      return;
    }
    int w = Bytes.u16(p.data, off);
    if ((w >>> 12) != 1) {
      d.event(p, DecodeEvent.ERSPAN_UNSUPPORTED_VERSION);
      return;
    }
    d.tunnel(p, LinkTypes.ETHERNET, off + 8, len - 8);
  }
}
