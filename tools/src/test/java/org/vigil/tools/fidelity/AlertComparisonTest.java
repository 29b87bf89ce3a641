package org.vigil.tools.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertComparisonTest {

  static AlertKey k(long sid, String sip, int sp, String dip, int dp) {
    return AlertKey.of("p.pcap", 1, sid, "TCP", sip, sp, dip, dp);
  }

  @Test
  void eitherDirectionOfTheFlowMatches() {
    var c =
        new AlertComparison(
            List.of(k(1, "10.0.0.1", 1234, "10.0.0.2", 80)),
            List.of(k(1, "10.0.0.2", 80, "10.0.0.1", 1234)));
    assertEquals(1.0, c.recall());
    assertEquals(1.0, c.precision());
  }

  @Test
  void countsAreComparedAsMultisets() {
    AlertKey a = k(7, "10.0.0.1", 1234, "10.0.0.2", 80);
    var c =
        new AlertComparison(List.of(a, a, a), List.of(a, k(8, "10.0.0.1", 1234, "10.0.0.2", 80)));
    assertEquals(1.0 / 3, c.recall(), 1e-9);
    assertEquals(0.5, c.precision(), 1e-9);
    assertEquals(2, c.missing().get(a));
    assertTrue(c.summary(5).contains("missing x2"), c.summary(5));
    assertTrue(c.summary(5).contains("extra   x1"), c.summary(5));
  }

  @Test
  void portlessAlertsCompareOnAddressesOnly() {
    AlertKey icmp1 = AlertKey.of("p", 1, 3, "icmp", "1.1.1.1", null, "2.2.2.2", null);
    AlertKey icmp2 = AlertKey.of("p", 1, 3, "ICMP", "2.2.2.2", null, "1.1.1.1", null);
    assertEquals(icmp1, icmp2);
  }

  @Test
  void theStricterComparisonAlsoWantsThePacket() {
    AlertKey at5 = AlertKey.of("p", 1, 9, "TCP", "10.0.0.1", 1, "10.0.0.2", 80, 5L);
    AlertKey at7 = AlertKey.of("p", 1, 9, "TCP", "10.0.0.2", 80, "10.0.0.1", 1, 7L);
    var onPacket = new AlertComparison(List.of(at5), List.of(at7));
    assertEquals(0.0, onPacket.recall());
    var onFlow = new AlertComparison(List.of(at5.flowLevel()), List.of(at7.flowLevel()));
    assertEquals(1.0, onFlow.recall());
    assertTrue(
        onPacket.summary(1).contains("missing x1 p 1:9 TCP 10.0.0.1/1 <> 10.0.0.2/80 #5"),
        onPacket.summary(1));
  }
}
