package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.ipv6;
import static org.vigil.testing.PacketBuilder.tcp;
import static org.vigil.testing.PacketBuilder.udp;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VXLAN, Geneve and Teredo (VxlanDecoder, GeneveDecoder, TeredoDecoder): UDP tunnels found by port.
 */
class UdpTunnelDecoderTest {
  private static final byte[] INNER =
      ipv4("192.168.0.1", "192.168.0.2", 6, tcp(1111, 80, 1, 0, 2, new byte[0]));

  @Test
  void vxlanOnItsPort() {
    byte[] vx = concat(bytes(0x08, 0, 0, 0, 0, 0, 0x7b, 0), ethernet(0x0800, INNER));
    assertEquals(
        List.of(
            "#1 d0 udp 10.0.0.1:5555 > 10.0.0.2:4789 root",
            "#none d1 tcp 192.168.0.1:1111 > 192.168.0.2:80"),
        Decoded.pipeline(LinkTypes.RAW, ipv4("10.0.0.1", "10.0.0.2", 17, udp(5555, 4789, vx))));
    byte[] notVx = concat(bytes(0x00, 0, 0, 0, 0, 0, 0x7b, 0), ethernet(0x0800, INNER));
    assertEquals(
        1,
        Decoded.pipeline(LinkTypes.RAW, ipv4("10.0.0.1", "10.0.0.2", 17, udp(5555, 4789, notVx)))
            .size());
  }

  @Test
  void geneveWithOptions() {
    byte[] gen =
        concat(bytes(0x01, 0, 0x65, 0x58, 0, 0, 1, 0), bytes(0, 1, 2, 0), ethernet(0x0800, INNER));
    assertEquals(
        "#none d1 tcp 192.168.0.1:1111 > 192.168.0.2:80",
        Decoded.pipeline(LinkTypes.RAW, ipv4("10.0.0.1", "10.0.0.2", 17, udp(5555, 6081, gen)))
            .get(1));
    byte[] unknown = bytes(0, 0, 0x12, 0x34, 0, 0, 1, 0);
    assertEquals(
        "#1 d0 udp 10.0.0.1:5555 > 10.0.0.2:6081 GENEVE_UNKNOWN_PAYLOAD_TYPE",
        Decoded.pipeline(LinkTypes.RAW, ipv4("10.0.0.1", "10.0.0.2", 17, udp(5555, 6081, unknown)))
            .get(0));
  }

  @Test
  void teredoIsDetectedLikeSuricata() {
    byte[] v6 = ipv6("2001:0:4136:e378::1", "2001:0:4136:e378::2", 17, udp(9, 10, "t".getBytes()));
    assertEquals(
        "#none d1 udp 2001:0:4136:e378::1:9 > 2001:0:4136:e378::2:10",
        Decoded.pipeline(LinkTypes.RAW, ipv4("10.0.0.1", "10.0.0.2", 17, udp(3544, 40000, v6)))
            .get(1));
    byte[] withOrigin = concat(bytes(0, 0, 1, 2, 3, 4, 5, 6), v6);
    assertEquals(
        2,
        Decoded.pipeline(
                LinkTypes.RAW, ipv4("10.0.0.1", "10.0.0.2", 17, udp(40000, 3544, withOrigin)))
            .size());
    byte[] bubble = ipv6("2001::1", "2001::2", 59, new byte[0]);
    assertEquals(
        1,
        Decoded.pipeline(LinkTypes.RAW, ipv4("10.0.0.1", "10.0.0.2", 17, udp(3544, 40000, bubble)))
            .size());
    byte[] wrongLength = concat(v6, new byte[3]);
    assertEquals(
        1,
        Decoded.pipeline(
                LinkTypes.RAW, ipv4("10.0.0.1", "10.0.0.2", 17, udp(3544, 40000, wrongLength)))
            .size());
  }
}
