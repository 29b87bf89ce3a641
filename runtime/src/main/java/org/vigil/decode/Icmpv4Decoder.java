package org.vigil.decode;

/** ICMPv4: type, code, echo id/seq; error messages have their quoted IPv4 header checked. */
final class Icmpv4Decoder {
  private final Decoder d;

  Icmpv4Decoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    byte[] b = p.data;
    p.l4Offset = off;
    if (len < 8) {
      d.event(p, DecodeEvent.ICMPV4_PKT_TOO_SMALL);
      return;
    }
    int type = b[off] & 0xff, code = b[off + 1] & 0xff;
    p.icmpType = type;
    p.icmpCode = code;
    p.payloadOffset = off + 8;
    p.payloadLength = len - 8;
    p.l4Decoded = true;
    int maxCode =
        switch (type) {
          case 0, 8, 13, 14, 15, 16, 17, 18, 10, 4 -> 0;
          case 3 -> 15;
          case 5 -> 3;
          case 9 -> 16;
          case 11 -> 1;
          case 12 -> 2;
          default -> -1;
        };
    if (maxCode < 0) d.event(p, DecodeEvent.ICMPV4_UNKNOWN_TYPE);
    else if (code > maxCode) d.event(p, DecodeEvent.ICMPV4_UNKNOWN_CODE);
    switch (type) {
      case 0, 8, 13, 14, 15, 16, 17, 18 -> {
        p.hasIcmpIdSeq = true;
        p.icmpId = Bytes.u16(b, off + 4);
        p.icmpSeq = Bytes.u16(b, off + 6);
      }
      case 3, 4, 5, 11, 12 -> quoted(p, off + 8, len - 8, type == 3);
      default -> {}
    }
    if (d.config.validateChecksums() && Bytes.fold(Bytes.onesSum(b, off, len, 0)) != 0) {
      d.event(p, DecodeEvent.ICMPV4_CHECKSUM_INVALID);
    }
  }

  private void quoted(Packet p, int off, int len, boolean unreachable) {
    byte[] b = p.data;
    if (len < 20) {
      d.event(p, DecodeEvent.ICMPV4_IPV4_TRUNC_PKT);
      return;
    }
    if ((b[off] & 0xff) >>> 4 != 4) {
      d.event(p, DecodeEvent.ICMPV4_IPV4_UNKNOWN_VER);
      return;
    }
    if (!unreachable) return;
    int hl = (b[off] & 0x0f) * 4;
    int proto = b[off + 9] & 0xff;
    if (hl < 20
        || len < hl + 4
        || (proto != Packet.PROTO_TCP && proto != Packet.PROTO_UDP && proto != Packet.PROTO_ICMP)) {
      return;
    }
    p.icmpEmb = true;
    p.icmpEmbProto = proto;
    p.icmpEmbSrc = Bytes.u32L(b, off + 12);
    p.icmpEmbDst = Bytes.u32L(b, off + 16);
    if (proto != Packet.PROTO_ICMP) {
      p.icmpEmbSrcPort = Bytes.u16(b, off + hl);
      p.icmpEmbDstPort = Bytes.u16(b, off + hl + 2);
    }
  }
}
