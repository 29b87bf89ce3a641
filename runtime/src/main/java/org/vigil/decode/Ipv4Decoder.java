package org.vigil.decode;

/** IPv4 header: lengths, options, optional header checksum; fragments are left to defrag. */
final class Ipv4Decoder {
  private final Decoder d;

  Ipv4Decoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    byte[] b = p.data;
    if (len < 20) {
      d.event(p, DecodeEvent.IPV4_PKT_TOO_SMALL);
      return;
    }
    if ((b[off] & 0xff) >>> 4 != 4) {
      d.event(p, DecodeEvent.IPV4_WRONG_IP_VER);
      return;
    }
    int hl = (b[off] & 0x0f) * 4;
    if (hl < 20) {
      d.event(p, DecodeEvent.IPV4_HLEN_TOO_SMALL);
      return;
    }
    int tot = Bytes.u16(b, off + 2);
    if (tot < hl) {
      d.event(p, DecodeEvent.IPV4_IPLEN_SMALLER_THAN_HLEN);
      return;
    }
    if (hl > len) {
      d.event(p, DecodeEvent.IPV4_PKT_TOO_SMALL);
      return;
    }
    p.ipVersion = 4;
    p.l3Offset = off;
    p.ipHeaderLength = hl;
    p.tos = b[off + 1] & 0xff;
    p.ipId = Bytes.u16(b, off + 4);
    int ff = Bytes.u16(b, off + 6);
    p.dontFragment = (ff & 0x4000) != 0;
    p.moreFragments = (ff & 0x2000) != 0;
    p.reservedBit = (ff & 0x8000) != 0;
    p.fragOffset = (ff & 0x1fff) << 3;
    p.ttl = b[off + 8] & 0xff;
    p.ipProto = b[off + 9] & 0xff;
    p.srcHi = 0;
    p.srcLo = Bytes.u32L(b, off + 12);
    p.dstHi = 0;
    p.dstLo = Bytes.u32L(b, off + 16);
    if (tot > len) {
      d.event(p, DecodeEvent.IPV4_TRUNC_PKT);
      return;
    }
    if (hl > 20) {
      p.ipOptions = true;
      options(p, off + 20, off + hl);
    }
    if (d.config.validateChecksums() && Bytes.fold(Bytes.onesSum(b, off, hl, 0)) != 0) {
      d.event(p, DecodeEvent.IPV4_CHECKSUM_INVALID);
    }
    p.ipPayloadOffset = off + hl;
    p.ipPayloadLength = tot - hl;
    if (p.moreFragments || p.fragOffset > 0) {
      p.fragment = true;
      if (p.fragOffset + tot - hl > 65535) d.event(p, DecodeEvent.IPV4_FRAG_PKT_TOO_LARGE);
      return;
    }
    d.ipNext(p, p.ipProto, off + hl, tot - hl);
  }

  private void options(Packet p, int o, int end) {
    byte[] b = p.data;
    int seen = 0; // bit per known option kind
    while (o < end) {
      int type = b[o] & 0xff;
      if (type == 0) { // EOL
        p.ipOptionMask |= Packet.IPOPT_EOL;
        break;
      }
      if (type == 1) { // NOP
        p.ipOptionMask |= Packet.IPOPT_NOP;
        o++;
        continue;
      }
      if (o + 1 >= end) {
        d.event(p, DecodeEvent.IPV4_OPT_MALFORMED);
        return;
      }
      int olen = b[o + 1] & 0xff;
      if (olen < 2) {
        d.event(p, DecodeEvent.IPV4_OPT_INVALID_LEN);
        return;
      }
      if (o + olen > end) {
        d.event(p, DecodeEvent.IPV4_OPT_MALFORMED);
        return;
      }
      int bit =
          switch (type) {
            case 7 -> 1; // record route
            case 25 -> 2; // quick start
            case 68 -> 4; // timestamp
            case 130 -> 8; // security
            case 131 -> 16; // loose source route
            case 133 -> 32; // extended security
            case 136 -> 64; // stream id
            case 137 -> 128; // strict source route
            case 148 -> 256; // router alert
            default -> 0;
          };
      p.ipOptionMask |=
          switch (type) {
            case 7 -> Packet.IPOPT_RR;
            case 25 -> Packet.IPOPT_QS;
            case 68 -> Packet.IPOPT_TS;
            case 130 -> Packet.IPOPT_SEC;
            case 133 -> Packet.IPOPT_ESEC;
            case 131 -> Packet.IPOPT_LSRR;
            case 137 -> Packet.IPOPT_SSRR;
            case 136 -> Packet.IPOPT_SATID;
            case 148 -> Packet.IPOPT_RTRALT;
            default -> Packet.IPOPT_OTHER;
          };
      if (bit == 0) {
        d.event(p, DecodeEvent.IPV4_OPT_UNKNOWN);
      } else {
        if ((seen & bit) != 0) d.event(p, DecodeEvent.IPV4_OPT_DUPLICATE);
        seen |= bit;
        boolean bad =
            switch (type) {
              case 7, 131, 137 -> olen < 3 || ((olen - 3) & 3) != 0;
              case 68 -> olen < 4 || ((olen - 4) & 3) != 0;
              case 136, 148 -> olen != 4;
              case 25 -> olen != 8;
              case 130 -> olen < 3;
              default -> false;
            };
        if (bad) d.event(p, DecodeEvent.IPV4_OPT_INVALID_LEN);
      }
      o += olen;
    }
  }
}
