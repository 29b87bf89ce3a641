package org.vigil.acquire.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The built-in traffic holds the frames a link carries besides TCP and UDP over IPv4 (ARP, ICMP
 * echo, IPv4 fragments that cover their datagram, UDP and ICMPv6 over IPv6), each IPv4 header with
 * a valid checksum, and the same seed gives the same frames.
 */
class SyntheticTrafficTest {
  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static Map<String, Integer> kinds(int flows, long seed) {
    Map<String, Integer> kinds = new TreeMap<>();
    SyntheticTraffic.write(
        flows,
        0,
        seed,
        (frame, length, nanos) -> {
          int type = u16(frame, 12);
          String kind;
          if (type == 0x0806) {
            kind = "arp";
          } else if (type == 0x86dd) {
            kind = "ipv6/" + (frame[20] & 0xff);
          } else {
            long sum = 0;
            for (int i = 14; i < 34; i += 2) {
              sum += u16(frame, i);
            }
            while ((sum >>> 16) != 0) {
              sum = (sum & 0xffff) + (sum >>> 16);
            }
            assertEquals(0xffff, sum, "IPv4 header checksum");
            int frag = u16(frame, 20);
            kind = (frag & 0x3fff) != 0 ? "fragment" : "ipv4/" + (frame[23] & 0xff);
            if ((frag & 0x2000) == 0 && (frag & 0x1fff) != 0) {
              kind = "last fragment";
            }
          }
          kinds.merge(kind, 1, Integer::sum);
        });
    return kinds;
  }

  @Test
  void theTrafficHoldsEveryKindOfFrame() {
    Map<String, Integer> k = kinds(300, 7);
    for (String kind :
        new String[] {
          "arp", "ipv4/1", "ipv4/6", "ipv4/17", "fragment", "last fragment", "ipv6/17", "ipv6/58"
        }) {
      assertTrue(k.getOrDefault(kind, 0) > 0, kind + " in " + k);
    }
    assertEquals(k, kinds(300, 7));
  }
}
