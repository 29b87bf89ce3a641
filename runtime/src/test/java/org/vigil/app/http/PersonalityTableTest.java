package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vigil.app.http.normalize.ServerPersonality;

class PersonalityTableTest {

  private final PersonalityTable table =
      PersonalityTable.builder(ServerPersonality.IDS)
          .add("192.168.0.0/16", ServerPersonality.IIS_7_5)
          .add("192.168.10.0/24", ServerPersonality.APACHE_2)
          .add("192.168.10.7", ServerPersonality.IIS_5_0)
          .add("fe80::/10", ServerPersonality.GENERIC)
          .build();

  @Test
  void longestPrefixWins() {
    assertEquals(
        ServerPersonality.IIS_5_0, table.resolve(new byte[] {(byte) 192, (byte) 168, 10, 7}));
    assertEquals(
        ServerPersonality.APACHE_2, table.resolve(new byte[] {(byte) 192, (byte) 168, 10, 8}));
    assertEquals(
        ServerPersonality.IIS_7_5, table.resolve(new byte[] {(byte) 192, (byte) 168, 11, 8}));
    assertEquals(ServerPersonality.IDS, table.resolve(new byte[] {10, 0, 0, 1}));
  }

  @Test
  void ipv6BlocksMatchOnlyIpv6() {
    byte[] ll = new byte[16];
    ll[0] = (byte) 0xfe;
    ll[1] = (byte) 0xbf; // fe80::/10 covers febf::
    assertEquals(ServerPersonality.GENERIC, table.resolve(ll));
    ll[1] = (byte) 0xc0;
    assertEquals(ServerPersonality.IDS, table.resolve(ll));
  }

  @Test
  void badBlocksNameTheInput() {
    var b = PersonalityTable.builder(ServerPersonality.IDS);
    assertEquals(
        "not an IP address: 'web01'",
        assertThrows(IllegalArgumentException.class, () -> b.add("web01", ServerPersonality.IDS))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.add("10.0.0.0/x", ServerPersonality.IDS));
    assertThrows(IllegalArgumentException.class, () -> b.add("::1/129", ServerPersonality.IDS));
  }

  @Test
  void fixedResolverGivesOnePersonality() {
    assertEquals(
        ServerPersonality.APACHE_2,
        PersonalityResolver.fixed(ServerPersonality.APACHE_2).resolve(new byte[4]));
  }
}
