package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.decode.IcmpCounterparts.Convention.COMMUNITY_ID;
import static org.vigil.decode.IcmpCounterparts.Convention.FLOW_RECORD;

import org.junit.jupiter.api.Test;

/**
 * The ICMP request/reply pairs: both conventions pair echo, timestamp, information, address mask
 * and ICMPv6's echo, listener, router, neighbour, node information and home agent messages either
 * way; router solicitation/advertisement only for the Community ID, ICMPv6 mobile prefix only for
 * Suricata's flow record; errors and unknown types have none.
 */
class IcmpCounterpartsTest {
  @Test
  void bothConventionsPairRequestsAndRepliesEitherWay() {
    for (IcmpCounterparts.Convention c : IcmpCounterparts.Convention.values()) {
      assertEquals(0, IcmpCounterparts.of(c, false, 8));
      assertEquals(8, IcmpCounterparts.of(c, false, 0));
      assertEquals(14, IcmpCounterparts.of(c, false, 13));
      assertEquals(15, IcmpCounterparts.of(c, false, 16));
      assertEquals(18, IcmpCounterparts.of(c, false, 17));
      assertEquals(129, IcmpCounterparts.of(c, true, 128));
      assertEquals(135, IcmpCounterparts.of(c, true, 136));
      assertEquals(144, IcmpCounterparts.of(c, true, 145));
      assertEquals(-1, IcmpCounterparts.of(c, false, 3), "destination unreachable");
      assertEquals(-1, IcmpCounterparts.of(c, false, 11), "time exceeded");
      assertEquals(-1, IcmpCounterparts.of(c, true, 1));
      assertEquals(-1, IcmpCounterparts.of(c, false, 128), "an ICMPv6 type in ICMPv4");
      assertEquals(-1, IcmpCounterparts.of(c, true, 300));
    }
  }

  @Test
  void theConventionsDifferOnRouterAndMobilePrefixMessages() {
    assertEquals(9, IcmpCounterparts.of(COMMUNITY_ID, false, 10));
    assertEquals(10, IcmpCounterparts.of(COMMUNITY_ID, false, 9));
    assertEquals(-1, IcmpCounterparts.of(FLOW_RECORD, false, 10));
    assertEquals(147, IcmpCounterparts.of(FLOW_RECORD, true, 146));
    assertEquals(146, IcmpCounterparts.of(FLOW_RECORD, true, 147));
    assertEquals(-1, IcmpCounterparts.of(COMMUNITY_ID, true, 146));
  }
}
