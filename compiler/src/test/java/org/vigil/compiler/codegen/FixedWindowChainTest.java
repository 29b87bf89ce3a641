package org.vigil.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Chains whose options search a window fixed by the buffer alone (a content without distance/within
 * and with numeric offset/depth, a pcre without R) after a backtracking point: a failed first
 * search fails the chain, a failed retry goes back to the earlier point; generated code and the
 * reference interpreter agree on every call ({@link Harness#run}).
 */
class FixedWindowChainTest {
  private static Harness h(String options) {
    return new Harness("alert tcp any any -> any any (msg:\"t\"; " + options + " sid:1;)\n");
  }

  @Test
  void aPcreWithoutRAfterARetriedContent() {
    Harness h = h("content:\"CWD\"; nocase; isdataat:5,relative; pcre:\"/^CWD\\s[^\\n]{5}/smi\";");
    assertTrue(h.matches(1, "CWD a\ncwd bbbbbbb\n"), "the second line is long enough");
    assertFalse(h.matches(1, "CWD a\nCWD bb\nxx CWD cccccc\n"), "no line starts with a long CWD");
    assertFalse(h.matches(1, "CWD a\nCWD b\n"));
  }

  @Test
  void aRetriedPcreWithoutRGoesBackToItsOwnNextMatch() {
    // the relative "C" anchors on the pcre: its retry searches from the previous match + 1
    Harness h = h("content:\"A\"; isdataat:1,relative; pcre:\"/B./\"; content:\"C\"; within:1;");
    assertTrue(h.matches(1, "A B1 B2C"));
    assertFalse(h.matches(1, "A B1 B2D"));
    assertFalse(h.matches(1, "A b1 b2C"));
  }

  @Test
  void aPcreWithoutRWhoseRetriesRanOutGoesBackToTheEarlierPoint() {
    // "A" at 0 reads 9: "Z" cannot be at 9, the pcre's retries find no other "B", so "A" is retried
    // at 2, which reads 7, where "Z" is
    String opts =
        "content:\"A\"; byte_extract:1,0,v,relative; pcre:\"/B./\"; content:\"C\"; within:1;"
            + " content:\"Z\"; offset:v; depth:1;";
    Harness h = h(opts);
    assertTrue(h.matches(1, Harness.tcp(new byte[] {'A', 9, 'A', 7, 'B', '1', 'C', 'Z'})));
    assertFalse(h.matches(1, Harness.tcp(new byte[] {'A', 9, 'A', 6, 'B', '1', 'C', 'Z'})));
    Harness c = h(opts.replace("pcre:\"/B./\"", "content:\"B1\"; depth:6"));
    assertTrue(c.matches(1, Harness.tcp(new byte[] {'A', 9, 'A', 7, 'B', '1', 'C', 'Z'})));
  }

  @Test
  void aRetriedContentWithAFixedWindow() {
    Harness h = h("content:\"x\"; content:\"key\"; offset:1; depth:20; content:\"=1\"; within:2;");
    assertTrue(h.matches(1, "x key=0 key=1"), "the second key");
    assertFalse(h.matches(1, "x key=0 key=2"));
    assertFalse(h.matches(1, "x noke=1"));
    assertFalse(h.matches(1, "x 123456789012345678 key=1"), "past the depth");
  }

  @Test
  void aContentWhoseOffsetIsAVariableIsNotFixed() {
    // "A" at 0 reads offset 10 (past the end); its retry at 2 reads 5, where "Z" is
    Harness h =
        h("content:\"A\"; byte_extract:1,0,off,relative; content:\"Z\"; offset:off; depth:1;");
    assertTrue(h.matches(1, Harness.tcp(new byte[] {'A', 10, 'A', 5, 'x', 'Z'})));
    assertFalse(h.matches(1, Harness.tcp(new byte[] {'A', 10, 'A', 4, 'x', 'Z'})));
  }

  @Test
  void aNegatedFixedOptionAfterARetriedContent() {
    Harness h =
        h("content:\"A\"; isdataat:1,relative; content:!\"BAD\"; content:\"Z\"; distance:0;");
    assertTrue(h.matches(1, "A A Z"));
    assertFalse(h.matches(1, "A BAD A Z"));
    Harness p =
        h("content:\"A\"; isdataat:1,relative; pcre:!\"/B.D/\"; content:\"Z\"; distance:0;");
    assertTrue(p.matches(1, "A A Z"));
    assertFalse(p.matches(1, "A BxD A Z"));
  }

  @Test
  void aFastPatternOnlyContentThatIsMissingFailsTheChain() {
    Harness h = h("content:\"A\"; isdataat:2,relative; content:\"needle\"; fast_pattern:only;");
    assertTrue(h.matches(1, "A_A needle"));
    assertFalse(h.matches(1, "A_A_A"));
  }
}
