package org.vigil.decode;

/**
 * MPLS label stack; after the bottom label the payload is IPv4, IPv6 or Ethernet with a control
 * word.
 */
final class MplsDecoder {
  private static final int IPV4_NULL = 0,
      ROUTER_ALERT = 1,
      IPV6_NULL = 2,
      IMPLICIT_NULL = 3,
      MAX_RESERVED = 15;
  private final Decoder d;

  MplsDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    int label;
    boolean bottom;
    do {
      if (len < 4) {
        d.event(p, DecodeEvent.MPLS_HEADER_TOO_SMALL);
        return;
      }
      int shim = Bytes.u32(p.data, off);
      label = shim >>> 12;
      bottom = (shim & 0x100) != 0;
      off += 4;
      len -= 4;
    } while (!bottom);
    if (label == ROUTER_ALERT) {
      d.event(p, DecodeEvent.MPLS_BAD_LABEL_ROUTER_ALERT);
      return;
    }
    if (label == IMPLICIT_NULL) {
      d.event(p, DecodeEvent.MPLS_BAD_LABEL_IMPLICIT_NULL);
      return;
    }
    if (label == IPV4_NULL) {
      d.ipv4.decode(p, off, len);
      return;
    }
    if (label == IPV6_NULL) {
      d.ipv6.decode(p, off, len);
      return;
    }
    if (label <= MAX_RESERVED) {
      d.event(p, DecodeEvent.MPLS_BAD_LABEL_RESERVED);
      return;
    }
    if (len < 1) {
      d.event(p, DecodeEvent.MPLS_PKT_TOO_SMALL);
      return;
    }
    switch ((p.data[off] & 0xff) >>> 4) {
      case 4 -> d.ipv4.decode(p, off, len);
      case 6 -> d.ipv6.decode(p, off, len);
      case 0 -> { // pseudo-wire control word, then Ethernet
        if (len < 4 + 14) {
          d.event(p, DecodeEvent.MPLS_PKT_TOO_SMALL);
          return;
        }
        d.ethernet.decode(p, off + 4, len - 4);
      }
      default -> d.event(p, DecodeEvent.MPLS_UNKNOWN_PAYLOAD_TYPE);
    }
  }
}
