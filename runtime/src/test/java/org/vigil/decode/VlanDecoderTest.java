package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;
import static org.vigil.testing.PacketBuilder.vlan;

import org.junit.jupiter.api.Test;

class VlanDecoderTest {
  private static final byte[] IP = ipv4("1.1.1.1", "2.2.2.2", 17, udp(1, 2, new byte[0]));

  @Test
  void singleTagAndQinQ() {
    Packet one = Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8100, vlan(0x2064, 0x0800, IP)));
    assertEquals(1, one.vlanCount());
    assertEquals(100, one.vlanId0());
    assertTrue(one.isUdp());
    Packet two =
        Decoded.decode(
            LinkTypes.ETHERNET, ethernet(0x88a8, vlan(10, 0x8100, vlan(20, 0x0800, IP))));
    assertEquals(2, two.vlanCount());
    assertEquals(10, two.vlanId0());
    assertEquals(20, two.vlanId1());
    assertTrue(two.isUdp());
  }

  @Test
  void tooManyOrShortTagsAreEvents() {
    byte[] four =
        ethernet(0x8100, vlan(1, 0x8100, vlan(2, 0x8100, vlan(3, 0x8100, vlan(4, 0x0800, IP)))));
    assertTrue(Decoded.decode(LinkTypes.ETHERNET, four).hasEvent(DecodeEvent.VLAN_TOO_MANY_LAYERS));
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8100, bytes(0, 1)))
            .hasEvent(DecodeEvent.VLAN_HEADER_TOO_SMALL));
  }
}
