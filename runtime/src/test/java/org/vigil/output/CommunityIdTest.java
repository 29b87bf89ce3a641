package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * Community ID v1 against the reference values published with the spec (its baseline data, seed 0),
 * and as EVE headers give it: both directions of a flow alike.
 */
class CommunityIdTest {
  private final CommunityId id = new CommunityId(0);

  private String of(String src, String dst, int proto, int sport, int dport) throws Exception {
    return id.of(
        InetAddress.getByName(src).getAddress(),
        InetAddress.getByName(dst).getAddress(),
        proto,
        sport,
        dport,
        false);
  }

  @Test
  void publishedBaselineValues() throws Exception {
    assertEquals(
        "1:LQU9qZlK+B5F3KDmev6m5PMibrg=", of("128.232.110.120", "66.35.250.204", 6, 34855, 80));
    assertEquals(
        "1:LQU9qZlK+B5F3KDmev6m5PMibrg=", of("66.35.250.204", "128.232.110.120", 6, 80, 34855));
    assertEquals("1:d/FP5EW3wiY1vCndhwleRRKHowQ=", of("192.168.1.52", "8.8.8.8", 17, 54585, 53));
    assertEquals(
        "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
        of("2001:470:e5bf:dead:4957:2174:e82c:4887", "2607:f8b0:400c:c03::1a", 6, 63943, 25));
    assertEquals(
        "1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=", of("192.168.170.56", "192.168.170.8", 132, 7, 7));
    assertEquals("1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=", of("10.1.12.2", "10.1.12.1", 46, -1, -1));
    assertEquals(
        "1:dGHyGvjMfljg6Bppwm3bg0LO8TY=",
        of("fe80::200:86ff:fe05:80da", "fe80::260:97ff:fe07:69ea", 58, 135, 136));
  }

  @Test
  void icmpHeadersMapTypesToTheirCounterparts() {
    // echo request and its reply: one flow
    EventHeader request =
        new EventHeader(
            0, 0, null, null, "192.168.0.89", null, "192.168.0.1", null, "ICMP", null, 8, 0, null);
    EventHeader reply =
        new EventHeader(
            0, 0, null, null, "192.168.0.1", null, "192.168.0.89", null, "ICMP", null, 0, 0, null);
    assertEquals("1:X0snYXpgwiv9TZtqg64sgzUn6Dk=", id.of(request));
    assertEquals("1:X0snYXpgwiv9TZtqg64sgzUn6Dk=", id.of(reply));
    // time exceeded has no counterpart: type and code
    EventHeader exceeded =
        new EventHeader(
            0, 0, null, null, "10.0.0.1", null, "10.0.0.2", null, "ICMP", null, 11, 0, null);
    assertEquals("1:YHxtAirCG//0OzkcVAukqKQN9xM=", id.of(exceeded));
    EventHeader tcp = TestEvents.tcpHeader(1);
    EventHeader back =
        new EventHeader(
            0, 0, null, null, "192.0.2.7", 80, "10.0.0.1", 51000, "TCP", null, null, null, null);
    assertEquals(id.of(tcp), id.of(back));
  }

  @Test
  void theEveLogWritesItWhenConfigured(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    try (EventSink eve =
        new EveJsonWriter.Plugin()
            .open(
                new OutputContext(
                    dir,
                    "eve-log",
                    java.util.Map.of(
                        "community-id", "yes", "types", java.util.List.of("alert"))))) {
      EventHeader h =
          new EventHeader(
              0,
              0,
              null,
              null,
              "192.168.0.1",
              null,
              "192.168.0.89",
              null,
              "ICMP",
              null,
              0,
              0,
              null);
      eve.write(AlertEvent.builder(h).rule(1, 1, 1).signature("reply", null, 3).build());
    }
    String line = java.nio.file.Files.readAllLines(dir.resolve("eve.json")).get(0);
    org.junit.jupiter.api.Assertions.assertTrue(
        line.contains("\"community_id\":\"1:X0snYXpgwiv9TZtqg64sgzUn6Dk=\""), line);
  }
}
