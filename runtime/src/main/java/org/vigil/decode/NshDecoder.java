package org.vigil.decode;

/**
 * Network Service Header (RFC 8300, Ethernet type 0x894F): base and path headers, then IPv4, IPv6,
 * Ethernet, NSH or MPLS.
 */
final class NshDecoder {
  private final Decoder d;

  NshDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    byte[] b = p.data;
    if (len < 8) {
      d.event(p, DecodeEvent.NSH_HEADER_TOO_SMALL);
      return;
    }
    if ((b[off] & 0xc0) != 0) {
      d.event(p, DecodeEvent.NSH_UNSUPPORTED_VERSION);
      return;
    }
    int hlen = (b[off + 1] & 0x3f) * 4;
    int mdType = b[off + 2] & 0x0f;
    if (mdType == 1 && hlen != 24 || hlen < 8) {
      d.event(p, DecodeEvent.NSH_BAD_HEADER_LENGTH);
      return;
    }
    if (hlen > len) {
      d.event(p, DecodeEvent.NSH_HEADER_TOO_SMALL);
      return;
    }
    int o = off + hlen, l = len - hlen;
    switch (b[off + 3] & 0xff) {
      case 1 -> d.ipv4.decode(p, o, l);
      case 2 -> d.ipv6.decode(p, o, l);
      case 3 -> d.ethernet.decode(p, o, l);
      case 4 -> {
        if (d.enterLayer(p)) decode(p, o, l);
      }
      case 5 -> d.mpls.decode(p, o, l);
      default -> d.event(p, DecodeEvent.NSH_UNKNOWN_PAYLOAD);
    }
  }
}
