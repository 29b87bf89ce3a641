package org.vigil.decode;

/**
 * BSD loopback / NULL (DLT 0, host byte order family) and OpenBSD LOOP (DLT 108, network order).
 */
final class NullDecoder {
  private final Decoder d;

  NullDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len, boolean networkOrder) {
    if (len < 4) {
      d.event(p, DecodeEvent.NULL_PKT_TOO_SMALL);
      return;
    }
    int fam = networkOrder ? Bytes.u32(p.data, off) : Bytes.u32le(p.data, off);
    if (!networkOrder && (fam & 0xffff) == 0)
      fam = Bytes.u32(p.data, off); // written by a big-endian host
    switch (fam) {
      case 2 -> d.ipv4.decode(p, off + 4, len - 4);
      case 10, 24, 28, 30 -> d.ipv6.decode(p, off + 4, len - 4);
      default -> d.event(p, DecodeEvent.LINK_UNSUPPORTED);
    }
  }
}
