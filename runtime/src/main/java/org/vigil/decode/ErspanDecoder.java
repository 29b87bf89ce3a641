package org.vigil.decode;

/** ERSPAN type II (8-byte header) and type III (12 bytes, plus 8 with the platform sub-header); Ethernet inside. */
final class ErspanDecoder {
    private final Decoder d;

    ErspanDecoder(Decoder d) { this.d = d; }

    void decodeTypeII(Packet p, int off, int len) {
        if (len < 8) {
            d.event(p, DecodeEvent.ERSPAN_HEADER_TOO_SMALL);
            return;
        }
        int w = Bytes.u16(p.data, off);
        if ((w >>> 12) != 1) {
            d.event(p, DecodeEvent.ERSPAN_UNSUPPORTED_VERSION);
            return;
        }
        d.tunnel(p, LinkTypes.ETHERNET, off + 8, len - 8);
    }

    void decodeTypeIII(Packet p, int off, int len) {
        if (len < 12) {
            d.event(p, DecodeEvent.ERSPAN_HEADER_TOO_SMALL);
            return;
        }
        int w = Bytes.u16(p.data, off);
        if ((w >>> 12) != 2) {
            d.event(p, DecodeEvent.ERSPAN_UNSUPPORTED_VERSION);
            return;
        }
        int hlen = 12;
        if ((p.data[off + 11] & 1) != 0) hlen += 8; // optional platform-specific sub-header
        if (len < hlen) {
            d.event(p, DecodeEvent.ERSPAN_HEADER_TOO_SMALL);
            return;
        }
        d.tunnel(p, LinkTypes.ETHERNET, off + hlen, len - hlen);
    }
}
