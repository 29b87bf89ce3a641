package org.vigil.decode;

/**
 * IPv6 header and extension headers (hop-by-hop, routing, destination options, fragment, AH; ESP
 * ends decoding).
 */
final class Ipv6Decoder {
  private static final int HBH = 0,
      ROUTING = 43,
      FRAGMENT = 44,
      ESP = 50,
      AH = 51,
      NONE = 59,
      DSTOPTS = 60,
      MOBILITY = 135;
  private final Decoder d;

  Ipv6Decoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    byte[] b = p.data;
    if (len < 40) {
      d.event(p, DecodeEvent.IPV6_PKT_TOO_SMALL);
      return;
    }
    if ((b[off] & 0xff) >>> 4 != 6) {
      d.event(p, DecodeEvent.IPV6_WRONG_IP_VER);
      return;
    }
    int plen = Bytes.u16(b, off + 4);
    p.ipVersion = 6;
    p.l3Offset = off;
    p.tos = (Bytes.u16(b, off) >>> 4) & 0xff;
    p.ttl = b[off + 7] & 0xff;
    p.srcHi = Bytes.u64(b, off + 8);
    p.srcLo = Bytes.u64(b, off + 16);
    p.dstHi = Bytes.u64(b, off + 24);
    p.dstLo = Bytes.u64(b, off + 32);
    int nh = b[off + 6] & 0xff;
    p.ipProto = nh;
    p.ipHeaderLength = 40;
    if (40 + plen > len) {
      d.event(p, DecodeEvent.IPV6_TRUNC_PKT);
      return;
    }
    int end = off + 40 + plen;
    int o = off + 40;
    int nhField = off + 6;
    int seen = 0;
    while (true) {
      p.ipProto = nh;
      p.ipHeaderLength = o - off;
      p.ipPayloadOffset = o;
      p.ipPayloadLength = end - o;
      switch (nh) {
        case HBH, DSTOPTS, ROUTING, MOBILITY -> {
          if (o + 2 > end) {
            d.event(p, DecodeEvent.IPV6_TRUNC_EXTHDR);
            return;
          }
          int hlen = ((b[o + 1] & 0xff) + 1) * 8;
          if (o + hlen > end) {
            d.event(p, DecodeEvent.IPV6_TRUNC_EXTHDR);
            return;
          }
          if (nh == HBH) {
            if ((seen & 1) != 0) d.event(p, DecodeEvent.IPV6_EXTHDR_DUPL_HH);
            seen |= 1;
            options(p, o + 2, o + hlen, DecodeEvent.IPV6_HOPOPTS_UNKNOWN_OPT);
          } else if (nh == DSTOPTS) {
            if ((seen & 2) != 0 && (seen & 4) == 0) d.event(p, DecodeEvent.IPV6_EXTHDR_DUPL_DH);
            seen |= 2;
            options(p, o + 2, o + hlen, DecodeEvent.IPV6_DSTOPTS_UNKNOWN_OPT);
          } else if (nh == ROUTING) {
            if ((seen & 4) != 0) d.event(p, DecodeEvent.IPV6_EXTHDR_DUPL_RH);
            seen |= 4;
            if ((b[o + 2] & 0xff) == 0) d.event(p, DecodeEvent.IPV6_EXTHDR_RH_TYPE_0);
          }
          nh = b[o] & 0xff;
          nhField = o;
          o += hlen;
        }
        case FRAGMENT -> {
          if (o + 8 > end) {
            d.event(p, DecodeEvent.IPV6_TRUNC_EXTHDR);
            return;
          }
          if ((seen & 8) != 0) d.event(p, DecodeEvent.IPV6_EXTHDR_DUPL_FH);
          seen |= 8;
          int fo = Bytes.u16(b, o + 2);
          int offset = fo & 0xfff8;
          boolean mf = (fo & 1) != 0;
          int next = b[o] & 0xff;
          if (offset == 0 && !mf) {
            d.event(p, DecodeEvent.IPV6_EXTHDR_USELESS_FH);
            nh = next;
            nhField = o;
            o += 8;
            continue;
          }
          p.fragment = true;
          p.fragHeaderOffset = o;
          p.fragNhFieldOffset = nhField;
          p.fragOffset = offset;
          p.moreFragments = mf;
          p.ipId = Bytes.u32(b, o + 4);
          p.ipProto = next;
          p.ipHeaderLength = o + 8 - off;
          p.ipPayloadOffset = o + 8;
          p.ipPayloadLength = end - o - 8;
          if (mf && (p.ipPayloadLength & 7) != 0) d.event(p, DecodeEvent.IPV6_FRAG_INVALID_LENGTH);
          if (offset + p.ipPayloadLength > 65535) d.event(p, DecodeEvent.IPV6_FRAG_PKT_TOO_LARGE);
          return;
        }
        case AH -> {
          if (o + 8 > end) {
            d.event(p, DecodeEvent.IPV6_TRUNC_EXTHDR);
            return;
          }
          // as Suricata: at least the 12-byte fixed part, even when the length field says 0 (8
          // bytes)
          int al = b[o + 1] & 0xff;
          int hlen = al == 0 ? 12 : (al + 2) * 4;
          if (o + hlen > end) {
            d.event(p, DecodeEvent.IPV6_TRUNC_EXTHDR);
            return;
          }
          if ((seen & 16) != 0) d.event(p, DecodeEvent.IPV6_EXTHDR_DUPL_AH);
          seen |= 16;
          if (Bytes.u16(b, o + 2) != 0) d.event(p, DecodeEvent.IPV6_EXTHDR_AH_RES_NOT_NULL);
          nh = b[o] & 0xff;
          nhField = o;
          o += hlen;
        }
        case ESP, NONE -> {
          p.payloadOffset = o;
          p.payloadLength = end - o;
          return;
        }
        default -> {
          d.ipNext(p, nh, o, end - o);
          return;
        }
      }
    }
  }

  /** TLV options of hop-by-hop and destination options headers. */
  private void options(Packet p, int o, int end, DecodeEvent unknown) {
    byte[] b = p.data;
    while (o < end) {
      int type = b[o] & 0xff;
      if (type == 0) { // Pad1
        o++;
        continue;
      }
      if (o + 2 > end) {
        d.event(p, DecodeEvent.IPV6_EXTHDR_INVALID_OPTLEN);
        return;
      }
      int olen = b[o + 1] & 0xff;
      if (o + 2 + olen > end) {
        d.event(p, DecodeEvent.IPV6_EXTHDR_INVALID_OPTLEN);
        return;
      }
      switch (type) {
        case 1, 5, 0xc2, 0xc9, 4, 0x26, 0x63, 0x6d, 0x31, 0x8b, 0x8c -> {}
        default -> d.event(p, unknown);
      }
      o += 2 + olen;
    }
  }
}
