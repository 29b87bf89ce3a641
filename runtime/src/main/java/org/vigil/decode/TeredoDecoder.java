package org.vigil.decode;

/**
 * Teredo (RFC 4380, UDP 3544), detected like Suricata: optional authentication / origin indication,
 * then an IPv6 header whose payload length fills the datagram exactly; bubbles and hop limit 0 are
 * not Teredo.
 */
final class TeredoDecoder {
  private final Decoder d;

  TeredoDecoder(Decoder d) {
    this.d = d;
  }

  void decode(Packet p, int off, int len) {
    byte[] b = p.data;
    if (len < 40) return;
    int start = off;
    if (b[start] == 0) {
      switch (b[start + 1]) {
        case 0 -> start += 8; // origin indication
        case 1 -> { // authentication: 1+1+1+1 + id + auth + 8 nonce + 1 confirmation
          if (len < 4) return;
          int idLen = b[start + 2] & 0xff, authLen = b[start + 3] & 0xff;
          start += 4 + idLen + authLen + 9;
          if (start + 2 <= off + len && b[start] == 0 && b[start + 1] == 0) start += 8;
        }
        default -> {
          return;
        }
      }
    }
    int rest = off + len - start;
    if (rest < 40) return;
    if ((b[start] & 0xff) >>> 4 != 6) return;
    if ((b[start + 7] & 0xff) == 0) return;
    if ((b[start + 6] & 0xff) == 59) return; // bubble
    if (rest != 40 + Bytes.u16(b, start + 4)) return;
    d.tunnel(p, LinkTypes.IPV6, start, rest);
  }
}
