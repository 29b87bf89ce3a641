package org.vigil.decode;

/** VXLAN (RFC 7348, UDP 4789): 8-byte header with the I flag, then Ethernet. */
final class VxlanDecoder {
  private final Decoder d;

  VxlanDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    if (len < 8 + 14) return;
    byte[] b = p.data;
    if ((b[off] & 0x08) == 0 || b[off + 3] != 0 || b[off + 7] != 0) return; // not VXLAN: plain UDP
    d.tunnel(p, LinkTypes.ETHERNET, off + 8, len - 8);
  }
}
