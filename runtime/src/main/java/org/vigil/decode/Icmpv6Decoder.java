package org.vigil.decode;

/** ICMPv6: type, code, echo id/seq; error messages have their quoted IPv6 header checked. */
final class Icmpv6Decoder {
  private final Decoder d;

  Icmpv6Decoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    byte[] b = p.data;
    p.l4Offset = off;
    if (len < 8) {
      d.event(p, DecodeEvent.ICMPV6_PKT_TOO_SMALL);
      return;
    }
    int type = b[off] & 0xff, code = b[off + 1] & 0xff;
    p.icmpType = type;
    p.icmpCode = code;
    p.payloadOffset = off + 8;
    p.payloadLength = len - 8;
    p.l4Decoded = true;
    switch (type) {
      case 1 -> {
        if (code > 7) d.event(p, DecodeEvent.ICMPV6_UNKNOWN_CODE);
        quoted(p, off + 8, len - 8);
      }
      case 2, 3, 4 -> {
        int max = type == 3 ? 1 : type == 4 ? 3 : 0;
        if (code > max) d.event(p, DecodeEvent.ICMPV6_UNKNOWN_CODE);
        quoted(p, off + 8, len - 8);
      }
      case 128, 129 -> {
        if (code != 0) d.event(p, DecodeEvent.ICMPV6_UNKNOWN_CODE);
        p.hasIcmpIdSeq = true;
        p.icmpId = Bytes.u16(b, off + 4);
        p.icmpSeq = Bytes.u16(b, off + 6);
      }
      default -> {
        if (type < 130 || type > 161) d.event(p, DecodeEvent.ICMPV6_UNKNOWN_TYPE);
      }
    }
    if (d.config.validateChecksums() && !Checksums.l4Valid(p, Packet.PROTO_ICMPV6, off, len)) {
      d.event(p, DecodeEvent.ICMPV6_CHECKSUM_INVALID);
    }
  }

  private void quoted(Packet p, int off, int len) {
    if (len < 40) {
      d.event(p, DecodeEvent.ICMPV6_IPV6_TRUNC_PKT);
      return;
    }
    if ((p.data[off] & 0xff) >>> 4 != 6) d.event(p, DecodeEvent.ICMPV6_IPV6_UNKNOWN_VER);
  }
}
