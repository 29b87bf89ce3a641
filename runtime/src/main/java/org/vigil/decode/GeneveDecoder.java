package org.vigil.decode;

/**
 * Geneve (RFC 8926, UDP 6081): header with options, then Ethernet, IPv4 or IPv6 by protocol type.
 */
final class GeneveDecoder {
  private final Decoder d;

  GeneveDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    if (len < 8) return;
    byte[] b = p.data;
    if ((b[off] & 0xff) >>> 6 != 0) return; // unknown version: leave as UDP
    int hlen = 8 + (b[off] & 0x3f) * 4;
    if (hlen > len) return;
    int proto = Bytes.u16(b, off + 2);
    switch (proto) {
      case EtherTypes.TEB -> d.tunnel(p, LinkTypes.ETHERNET, off + hlen, len - hlen);
      case EtherTypes.IPV4 -> d.tunnel(p, LinkTypes.IPV4, off + hlen, len - hlen);
      case EtherTypes.IPV6 -> d.tunnel(p, LinkTypes.IPV6, off + hlen, len - hlen);
      default -> d.event(p, DecodeEvent.GENEVE_UNKNOWN_PAYLOAD_TYPE);
    }
  }
}
