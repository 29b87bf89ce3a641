package org.vigil.decode;

/** TCP header and options (MSS, window scale, SACK permitted, SACK, timestamps, TCP Fast Open). */
final class TcpDecoder {
  private final Decoder d;

  TcpDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    byte[] b = p.data;
    p.l4Offset = off;
    if (len < 20) {
      d.event(p, DecodeEvent.TCP_PKT_TOO_SMALL);
      return;
    }
    int hl = ((b[off + 12] & 0xff) >>> 4) * 4;
    if (hl > len) { // Suricata's names: header longer than the data is hlen_too_small
      d.event(p, DecodeEvent.TCP_HLEN_TOO_SMALL);
      return;
    }
    if (hl < 20) { // a data offset below 5 gives a negative option length
      d.event(p, DecodeEvent.TCP_INVALID_OPTLEN);
      return;
    }
    p.srcPort = Bytes.u16(b, off);
    p.dstPort = Bytes.u16(b, off + 2);
    p.tcpSeq = Bytes.u32(b, off + 4);
    p.tcpAck = Bytes.u32(b, off + 8);
    p.tcpFlags = b[off + 13] & 0xff;
    p.tcpWindow = Bytes.u16(b, off + 14);
    p.tcpUrgent = Bytes.u16(b, off + 18);
    p.tcpHeaderLength = hl;
    if (hl > 20) options(p, off + 20, off + hl);
    p.payloadOffset = off + hl;
    p.payloadLength = len - hl;
    p.l4Decoded = true;
    if (d.config.validateChecksums() && !Checksums.l4Valid(p, Packet.PROTO_TCP, off, len)) {
      p.tcpChecksumInvalid = true;
      d.event(p, DecodeEvent.TCP_CHECKSUM_INVALID);
    }
  }

  private void options(Packet p, int o, int end) {
    byte[] b = p.data;
    int seen = 0;
    while (o < end) {
      int kind = b[o] & 0xff;
      if (kind == 0) break;
      if (kind == 1) {
        o++;
        continue;
      }
      if (o + 1 >= end) {
        d.event(p, DecodeEvent.TCP_OPT_INVALID_LEN);
        return;
      }
      int olen = b[o + 1] & 0xff;
      if (olen < 2 || o + olen > end) {
        d.event(p, DecodeEvent.TCP_OPT_INVALID_LEN);
        return;
      }
      if (kind < 32) {
        int bit = 1 << kind;
        if ((seen & bit) != 0) d.event(p, DecodeEvent.TCP_OPT_DUPLICATE);
        seen |= bit;
      }
      switch (kind) {
        case 2 -> {
          if (olen == 4) p.tcpMss = Bytes.u16(b, o + 2);
          else d.event(p, DecodeEvent.TCP_OPT_INVALID_LEN);
        }
        case 3 -> {
          if (olen == 3) p.tcpWscale = b[o + 2] & 0xff;
          else d.event(p, DecodeEvent.TCP_OPT_INVALID_LEN);
        }
        case 4 -> {
          if (olen == 2) p.tcpSackPermitted = true;
          else d.event(p, DecodeEvent.TCP_OPT_INVALID_LEN);
        }
        case 5 -> {
          if (olen >= 10 && olen <= 34 && ((olen - 2) & 7) == 0) {
            p.tcpSackOffset = o + 2;
            p.tcpSackBlocks = (olen - 2) / 8;
          } else {
            d.event(p, DecodeEvent.TCP_OPT_INVALID_LEN);
          }
        }
        case 8 -> {
          if (olen == 10) {
            p.hasTcpTimestamp = true;
            p.tcpTsVal = Bytes.u32L(b, o + 2);
            p.tcpTsEcr = Bytes.u32L(b, o + 6);
          } else {
            d.event(p, DecodeEvent.TCP_OPT_INVALID_LEN);
          }
        }
        case 34 -> {
          if (olen == 2 || (olen >= 4 && olen <= 18 && (olen & 1) == 0)) p.tcpTfo = true;
          else d.event(p, DecodeEvent.TCP_OPT_INVALID_LEN);
        }
        case 253, 254 -> { // experimental options: TCP Fast Open when they carry its magic
          if (olen == 4 || olen == 12) {
            if (Bytes.u16(b, o + 2) == 0xF989) p.tcpTfo = true;
          } else {
            d.event(p, DecodeEvent.TCP_OPT_INVALID_LEN);
          }
        }
        default -> {}
      }
      o += olen;
    }
  }
}
