package org.vigil.decode;

/** Cisco HDLC (DLT 104): address, control, then an Ethernet-type protocol field. */
final class CiscoHdlcDecoder {
  private final Decoder d;

  CiscoHdlcDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    if (len < 4) {
      d.event(p, DecodeEvent.CHDLC_PKT_TOO_SMALL);
      return;
    }
    d.etherType(p, Bytes.u16(p.data, off + 2), off + 4, len - 4);
  }
}
