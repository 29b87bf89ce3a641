package org.vigil.decode;

/**
 * GRE version 0 (RFC 2784/2890) and version 1 (PPTP); the payload becomes a tunnel inner packet.
 */
final class GreDecoder {
  private static final int C = 0x8000,
      R = 0x4000,
      K = 0x2000,
      S = 0x1000,
      SSR = 0x0800,
      RECUR = 0x0700,
      A = 0x0080,
      FLAGS = 0x0078;
  private final Decoder d;

  GreDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    byte[] b = p.data;
    p.l4Offset = off;
    if (len < 4) {
      d.event(p, DecodeEvent.GRE_PKT_TOO_SMALL);
      return;
    }
    int flags = Bytes.u16(b, off);
    int proto = Bytes.u16(b, off + 2);
    int hlen;
    switch (flags & 7) {
      case 0 -> {
        if ((flags & RECUR) != 0) d.event(p, DecodeEvent.GRE_VERSION0_RECUR);
        if ((flags & (FLAGS | A)) != 0) d.event(p, DecodeEvent.GRE_VERSION0_FLAGS);
        hlen =
            4
                + ((flags & (C | R)) != 0 ? 4 : 0)
                + ((flags & K) != 0 ? 4 : 0)
                + ((flags & S) != 0 ? 4 : 0);
        if (hlen > len) {
          d.event(p, DecodeEvent.GRE_VERSION0_HDR_TOO_BIG);
          return;
        }
        if ((flags & R) != 0) {
          while (true) { // source route entries: af(2) offset(1) length(1) data
            if (hlen + 4 > len) {
              d.event(p, DecodeEvent.GRE_VERSION0_MALFORMED_SRE_HDR);
              return;
            }
            int srelen = b[off + hlen + 3] & 0xff;
            hlen += 4 + srelen;
            if (srelen == 0) break;
            if (hlen > len) {
              d.event(p, DecodeEvent.GRE_VERSION0_MALFORMED_SRE_HDR);
              return;
            }
          }
        }
      }
      case 1 -> {
        if ((flags & C) != 0) d.event(p, DecodeEvent.GRE_VERSION1_CHKSUM);
        if ((flags & R) != 0) d.event(p, DecodeEvent.GRE_VERSION1_ROUTE);
        if ((flags & SSR) != 0) d.event(p, DecodeEvent.GRE_VERSION1_SSR);
        if ((flags & RECUR) != 0) d.event(p, DecodeEvent.GRE_VERSION1_RECUR);
        if ((flags & FLAGS) != 0) d.event(p, DecodeEvent.GRE_VERSION1_FLAGS);
        if ((flags & K) == 0) d.event(p, DecodeEvent.GRE_VERSION1_NO_KEY);
        if (proto != EtherTypes.PPP) {
          d.event(p, DecodeEvent.GRE_VERSION1_WRONG_PROTOCOL);
          return;
        }
        hlen = 8 + ((flags & S) != 0 ? 4 : 0) + ((flags & A) != 0 ? 4 : 0);
        if (hlen > len) {
          d.event(p, DecodeEvent.GRE_VERSION1_HDR_TOO_BIG);
          return;
        }
      }
      default -> {
        d.event(p, DecodeEvent.GRE_WRONG_VERSION);
        return;
      }
    }
    int po = off + hlen, pl = len - hlen;
    p.payloadOffset = po;
    p.payloadLength = pl;
    switch (proto) {
      case EtherTypes.IPV4 -> d.tunnel(p, LinkTypes.IPV4, po, pl);
      case EtherTypes.IPV6 -> d.tunnel(p, LinkTypes.IPV6, po, pl);
      case EtherTypes.PPP -> d.tunnel(p, LinkTypes.PPP, po, pl);
      case EtherTypes.TEB -> d.tunnel(p, LinkTypes.ETHERNET, po, pl);
      case EtherTypes.MPLS_UC, EtherTypes.MPLS_MC -> d.tunnel(p, LinkTypes.MPLS, po, pl);
      case EtherTypes.ERSPAN_II -> {
        if ((flags & S) != 0) d.erspan.decodeTypeII(p, po, pl);
        else d.tunnel(p, LinkTypes.ETHERNET, po, pl); // type I: no ERSPAN header
      }
      // ERSPAN type III (0x22EB) and any other protocol: Suricata 7.0 does not decode the payload
      default -> {}
    }
  }
}
