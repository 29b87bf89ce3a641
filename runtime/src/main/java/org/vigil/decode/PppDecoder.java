package org.vigil.decode;

/**
 * PPP (DLT 9, and the payload of PPTP's enhanced GRE): optional FF 03 address/control, then the
 * protocol.
 */
final class PppDecoder {
  private final Decoder d;

  PppDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    if (len >= 2 && (p.data[off] & 0xff) == 0xff && (p.data[off + 1] & 0xff) == 0x03) {
      off += 2;
      len -= 2;
    }
    if (len < 1) {
      d.event(p, DecodeEvent.PPP_PKT_TOO_SMALL);
      return;
    }
    int proto;
    if ((p.data[off] & 1) == 1) { // compressed one-byte protocol field
      proto = p.data[off] & 0xff;
      off += 1;
      len -= 1;
    } else {
      if (len < 2) {
        d.event(p, DecodeEvent.PPP_PKT_TOO_SMALL);
        return;
      }
      proto = Bytes.u16(p.data, off);
      off += 2;
      len -= 2;
    }
    protocol(p, proto, off, len);
  }

  void protocol(Packet p, int proto, int off, int len) {
    switch (proto) {
      case 0x0021 -> d.ipv4.decode(p, off, len);
      case 0x0057 -> d.ipv6.decode(p, off, len);
      case 0x0281 -> d.mpls.decode(p, off, len);
      default -> {
        if (proto < 0x4000 && (proto & 0x0100) == 0 && proto != 0x003d && proto != 0x00fd)
          d.event(p, DecodeEvent.PPP_UNSUP_PROTO);
      }
    }
  }
}
