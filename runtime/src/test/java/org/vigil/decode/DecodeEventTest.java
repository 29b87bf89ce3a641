package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecodeEventTest {
  @Test
  void keywordsAreUniqueAndFoundBack() {
    Set<String> seen = new HashSet<>();
    for (DecodeEvent e : DecodeEvent.values()) {
      assertEquals(true, seen.add(e.keyword()), "duplicate " + e.keyword());
      assertEquals(e, DecodeEvent.byKeyword(e.keyword()));
      assertEquals(e, DecodeEvent.byKeyword(e.statName()));
    }
    assertEquals(DecodeEvent.IPV4_TRUNC_PKT, DecodeEvent.byKeyword("ipv4.trunc_pkt"));
    assertNull(DecodeEvent.byKeyword("ipv4.no_such_thing"));
  }
}
