package org.vigil.decode;

/** PPPoE discovery (checked, not decoded further) and session stage (PPP inside). */
final class PppoeDecoder {
  private final Decoder d;

  PppoeDecoder(Decoder d) {
    this.d = d;
  }

  void decodeSession(Packet p, int off, int len) {
    if (len < 8) {
      d.event(p, DecodeEvent.PPPOE_PKT_TOO_SMALL);
      return;
    }
    if ((p.data[off + 1] & 0xff) != 0) d.event(p, DecodeEvent.PPPOE_WRONG_CODE);
    int plen = Bytes.u16(p.data, off + 4);
    int avail = len - 6;
    if (plen < 2) {
      d.event(p, DecodeEvent.PPPOE_PKT_TOO_SMALL);
      return;
    }
    int take = Math.min(plen, avail);
    d.ppp.protocol(p, Bytes.u16(p.data, off + 6), off + 8, take - 2);
  }

  void decodeDiscovery(Packet p, int off, int len) {
    if (len < 6) {
      d.event(p, DecodeEvent.PPPOE_PKT_TOO_SMALL);
      return;
    }
    int code = p.data[off + 1] & 0xff;
    switch (code) {
      case 0x09, 0x07, 0x19, 0x65, 0xa7 -> {}
      default -> d.event(p, DecodeEvent.PPPOE_WRONG_CODE);
    }
    int plen = Bytes.u16(p.data, off + 4);
    int end = off + 6 + Math.min(plen, len - 6);
    int o = off + 6;
    while (o + 4 <= end) {
      int tlen = Bytes.u16(p.data, o + 2);
      o += 4 + tlen;
    }
    if (o > end) d.event(p, DecodeEvent.PPPOE_MALFORMED_TAGS);
  }
}
