package org.vigil.decode;

/**
 * 802.1Q VLAN tags and 802.1ad QinQ (up to three tags, like Suricata; the first two are kept for
 * flows).
 */
final class VlanDecoder {
  private final Decoder d;

  VlanDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    if (len < 4) {
      d.event(p, DecodeEvent.VLAN_HEADER_TOO_SMALL);
      return;
    }
    if (p.vlanCount >= 3) {
      d.event(p, DecodeEvent.VLAN_TOO_MANY_LAYERS);
      return;
    }
    int id = Bytes.u16(p.data, off) & 0x0fff;
    if (p.vlanCount == 0) p.vlan0 = id;
    else if (p.vlanCount == 1) p.vlan1 = id;
    p.vlanCount++;
    d.etherType(p, Bytes.u16(p.data, off + 2), off + 4, len - 4);
  }
}
