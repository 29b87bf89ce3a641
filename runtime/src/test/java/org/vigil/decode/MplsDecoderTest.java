package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.udp;

import org.junit.jupiter.api.Test;

class MplsDecoderTest {
  private static final byte[] IP = ipv4("1.1.1.1", "2.2.2.2", 17, udp(1, 2, new byte[0]));

  @Test
  void labelStackThenIpOrEthernet() {
    byte[] stack =
        bytes(0x00, 0x10, 0x00, 0x40, 0x00, 0x20, 0x01, 0x40); // labels 256, 512 (bottom)
    assertTrue(Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8847, concat(stack, IP))).isUdp());
    byte[] explicitNull = bytes(0, 0, 1, 64);
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8847, concat(explicitNull, IP))).isUdp());
    byte[] pw = concat(bytes(0x00, 0x20, 0x01, 0x40), new byte[4], ethernet(0x0800, IP));
    assertTrue(Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8847, pw)).isUdp());
  }

  @Test
  void reservedLabelsAndTruncationAreEvents() {
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8847, concat(bytes(0, 0, 0x11, 64), IP)))
            .hasEvent(DecodeEvent.MPLS_BAD_LABEL_ROUTER_ALERT));
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8847, concat(bytes(0, 0, 0x71, 64), IP)))
            .hasEvent(DecodeEvent.MPLS_BAD_LABEL_RESERVED));
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8847, bytes(0, 0x10, 0, 64, 0, 0)))
            .hasEvent(DecodeEvent.MPLS_HEADER_TOO_SMALL));
    assertTrue(
        Decoded.decode(LinkTypes.ETHERNET, ethernet(0x8847, bytes(0, 0x20, 1, 64, 0x90, 0, 0, 0)))
            .hasEvent(DecodeEvent.MPLS_UNKNOWN_PAYLOAD_TYPE));
  }
}
