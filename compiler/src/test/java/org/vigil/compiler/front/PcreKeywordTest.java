package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.one;
import static org.vigil.compiler.front.Rules.opts;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Pcre;
import org.vigil.compiler.ir.PcreFlag;

class PcreKeywordTest {

  @Test
  void everyModifierFlag() {
    Pcre p = one("pcre:\"/a(b|c)\\x3b\\d/ismxAEGBO\";", Pcre.class);
    assertEquals("a(b|c)\\x3b\\d", p.regex());
    assertEquals(EnumSet.allOf(PcreFlag.class), EnumSet.copyOf(p.flags()));
    assertEquals(Buffer.PKT_DATA, p.buffer());
    assertFalse(p.relative());
    assertFalse(p.negated());
  }

  @Test
  void bufferFlagsSelectTheBuffer() {
    String flags = "UIPHDMCKSY";
    for (char f : flags.toCharArray()) {
      Pcre p = one("pcre:\"/x/" + f + "\";", Pcre.class);
      assertEquals(Buffer.ofPcreFlag(f), p.buffer(), "flag " + f);
      assertTrue(p.flags().isEmpty());
    }
    Pcre sticky = (Pcre) opts("file_data; pcre:\"/x/\";").get(1);
    assertEquals(Buffer.FILE_DATA, sticky.buffer());
  }

  @Test
  void relativeNegatedAndOtherDelimiters() {
    Pcre p = (Pcre) opts("content:\"a\"; pcre:!\"/b/R\";").get(1);
    assertTrue(p.relative());
    assertTrue(p.negated());
    assertEquals("a/b", one("pcre:\"m{a/b}i\";", Pcre.class).regex());
    assertEquals(
        "a\"b",
        one("pcre:\"/a\"b/\";", Pcre.class).regex(),
        "unescaped quote inside, as Suricata reads it");
    assertEquals(
        "(%22|\")org(%22|\")(%5d|\\])",
        one("pcre:\"/(%22|\")org(%22|\")(%5d|\\])/\";", Pcre.class).regex(),
        "a quote before ')' inside the value is text too (ET sid 2035009)");
    assertEquals("a;b", one("pcre:\"/a\\;b/\";", Pcre.class).regex());
  }

  @Test
  void malformedValues() {
    assertEquals(
        "pcre: unknown flag 'J' (allowed: i s m x A E G R U I P H D M C K S Y W Z V Q B O)",
        bad("pcre:\"/a/J\";"));
    assertEquals("pcre: the expression must be quoted: pcre:\"/regex/flags\"", bad("pcre:/a/;"));
    assertEquals(
        "pcre: the expression must look like \"/regex/flags\", found 'abc'", bad("pcre:\"abc\";"));
    assertEquals(
        "pcre: only one buffer flag is allowed, found 'U' and 'H'", bad("pcre:\"/a/UH\";"));
    assertEquals(
        "pcre: flag 'B' (raw bytes) is inconsistent with buffer flag 'U'", bad("pcre:\"/a/UB\";"));
  }

  @Test
  void suricataLoadChecks() {
    assertEquals(
        "pcre with /R (relative) needs a preceding content or pcre in the same buffer (pkt_data)",
        bad("content:\"a\"; http_uri; pcre:\"/b/R\";"));
    assertEquals(
        "pcre flag 'H' (http_header) used while the sticky buffer file_data is active; reset it with"
            + " pkt_data first",
        bad("file_data; content:\"a\"; pcre:\"/b/H\";"));
    // relative without a preceding match is allowed in a sticky buffer (Suricata does the same)
    assertTrue(((Pcre) opts("file_data; pcre:\"/b/R\";").get(1)).relative());
  }
}
