package org.vigil.decode;

/** Ethernet II (802.3 length frames carry LLC, which is not decoded further). */
final class EthernetDecoder {
  private final Decoder d;

  EthernetDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    if (len < 14) {
      d.event(p, DecodeEvent.ETHERNET_PKT_TOO_SMALL);
      return;
    }
    int type = Bytes.u16(p.data, off + 12);
    if (type < 0x0600) return; // 802.3 + LLC
    d.etherType(p, type, off + 14, len - 14);
  }
}
