package org.vigil.detect.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.detect.artifact.RuleAction;

class ThresholdFileTest {
  private static List<GlobalFilter> parse(String text) {
    return ThresholdFile.parse(
        "t.config", text.lines().toList(), Map.of("HOME_NET", "[10.0.0.0/8,!10.1.0.0/16]"));
  }

  private static byte[] ip(int a, int b, int c, int d) {
    return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
  }

  @Test
  void everyDirectiveWithContinuationsAndComments() {
    List<GlobalFilter> f =
        parse(
            """
            # a comment
            threshold gen_id 1, sig_id 1001, type limit, track by_src, count 5, seconds 60

            event_filter gen_id 0, sig_id 0, type both, \\
              track by_both, count 2, seconds 10
            rate_filter gen_id 1, sig_id 7, track by_rule, count 3, seconds 600, new_action drop, timeout 30
            suppress gen_id 1, sig_id 9
            suppress gen_id 1, sig_id 9, track by_either, ip $HOME_NET
            """);
    assertEquals(5, f.size());
    assertEquals(
        new ThresholdFilter(1, 1001, "limit", Track.BY_SRC, 5, 60, "t.config:2"), f.get(0));
    assertEquals(new ThresholdFilter(0, 0, "both", Track.BY_BOTH, 2, 10, "t.config:4"), f.get(1));
    assertEquals(
        new RateFilter(1, 7, Track.BY_RULE, 3, 600, RuleAction.DROP, 30, "t.config:6"), f.get(2));
    assertEquals(new SuppressFilter(1, 9, null, null, null, "t.config:7"), f.get(3));
    SuppressFilter s = (SuppressFilter) f.get(4);
    assertTrue(s.suppresses(ip(1, 1, 1, 1), ip(10, 2, 3, 4)), "destination in $HOME_NET");
    assertFalse(s.suppresses(ip(1, 1, 1, 1), ip(10, 1, 3, 4)), "negated block inside the var");
    assertFalse(s.suppresses(ip(1, 1, 1, 1), ip(2, 2, 2, 2)));
  }

  @Test
  void errorsNameFileAndLine() {
    assertEquals(
        "t.config:2: track 'by_either' not allowed here",
        assertThrows(
                ThresholdFileException.class,
                () ->
                    parse(
                        """
                        suppress gen_id 1, sig_id 1
                        threshold gen_id 1, sig_id 2, type limit, track by_either, count 1, seconds 1
                        """))
            .getMessage());
    assertEquals(
        "t.config:1: sig_id 5 with gen_id 0: give the rule's gen_id",
        assertThrows(ThresholdFileException.class, () -> parse("suppress gen_id 0, sig_id 5"))
            .getMessage());
    assertEquals(
        "t.config:1: missing seconds",
        assertThrows(
                ThresholdFileException.class,
                () -> parse("threshold gen_id 1, sig_id 2, type limit, track by_src, count 1"))
            .getMessage());
    assertTrue(
        assertThrows(
                ThresholdFileException.class,
                () -> parse("suppress gen_id 1, sig_id 2, track by_src, ip 300.1.1.1"))
            .getMessage()
            .startsWith("t.config:1: not an IP address"));
    assertTrue(
        assertThrows(ThresholdFileException.class, () -> parse("limit gen_id 1, sig_id 2"))
            .getMessage()
            .startsWith("t.config:1: unknown directive 'limit'"));
  }
}
