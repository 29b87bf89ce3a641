package org.vigil.decode;

/** UDP header; VXLAN, Geneve and Teredo are recognised on their ports and decapsulated. */
final class UdpDecoder {
  private final Decoder d;

  UdpDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    byte[] b = p.data;
    p.l4Offset = off;
    if (len < 8) {
      d.event(p, DecodeEvent.UDP_HLEN_TOO_SMALL);
      return;
    }
    int ulen = Bytes.u16(b, off + 4);
    if (len < ulen) {
      d.event(p, DecodeEvent.UDP_PKT_TOO_SMALL);
      return;
    }
    if (ulen != len)
      d.event(p, DecodeEvent.UDP_HLEN_INVALID); // like Suricata: noted, decoding goes on
    if (ulen < 8) {
      d.event(p, DecodeEvent.UDP_LEN_INVALID);
      return;
    }
    p.srcPort = Bytes.u16(b, off);
    p.dstPort = Bytes.u16(b, off + 2);
    p.payloadOffset = off + 8;
    p.payloadLength = ulen - 8;
    p.l4Decoded = true;
    if (d.config.validateChecksums()
        && (Bytes.u16(b, off + 6) != 0 || p.ipVersion == 6)
        && !Checksums.l4Valid(p, Packet.PROTO_UDP, off, ulen)) {
      d.event(p, DecodeEvent.UDP_CHECKSUM_INVALID);
    }
    DecodeConfig c = d.config;
    if (p.dstPort == c.vxlanPort()) {
      d.vxlan.decode(p, p.payloadOffset, p.payloadLength);
    } else if (p.dstPort == c.genevePort()) {
      d.geneve.decode(p, p.payloadOffset, p.payloadLength);
    } else if (p.srcPort == c.teredoPort() || p.dstPort == c.teredoPort()) {
      d.teredo.decode(p, p.payloadOffset, p.payloadLength);
    }
  }
}
