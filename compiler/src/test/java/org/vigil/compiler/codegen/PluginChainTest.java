package org.vigil.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.detect.AlertSink;
import org.vigil.detect.Detector;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleMeta;

/**
 * Plugin options in generated code: evaluated in their buffer's chain at the cursor, moving it,
 * retrying the content before a relative one, agreeing with the interpreter on every call; never a
 * prefilter pattern.
 */
class PluginChainTest {

  private static Harness h(String options) {
    return new Harness("alert tcp any any -> any any (msg:\"t\"; " + options + " sid:1;)\n");
  }

  private static byte[] concat(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      byte[] b = p instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : (byte[]) p;
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void pluginTestsTheDataAfterTheContentItFollows() {
    Harness h = h("content:\"KEY:\"; entropy:>7.0,relative;");
    assertTrue(h.matches(1, Harness.tcp(concat("hello KEY:", random(1000, 1)))));
    assertFalse(h.matches(1, Harness.tcp(concat("hello KEY:", new byte[1000]))));
    assertFalse(
        h.matches(1, Harness.tcp(concat(random(1000, 2), "KEY:zzzz"))),
        "absolute data is random, relative is not");
    assertFalse(h.matches(1, Harness.tcp(random(1000, 3))), "no content, no match");
  }

  @Test
  void failingRelativePluginRetriesTheContentsNextOccurrence() {
    Harness h = h("content:\"KEY:\"; entropy:>7.0,relative,bytes 512;");
    assertTrue(h.matches(1, Harness.tcp(concat("KEY:", new byte[600], "KEY:", random(512, 4)))));
    assertFalse(h.matches(1, Harness.tcp(concat("KEY:", new byte[600], "KEY:", new byte[512]))));
  }

  @Test
  void pluginMovesTheCursorForTheOptionsAfterIt() {
    Harness h = h("content:\"ab\"; skip:3; content:\"cd\"; within:2;");
    assertTrue(h.matches(1, "xxabXYZcd"));
    assertFalse(h.matches(1, "xxabXYcd"));
    assertFalse(h.matches(1, "xxabXYZWcd"));
    assertTrue(h.matches(1, "abXYcd abXYZcd"), "retried on the second 'ab'");
    assertFalse(h.matches(1, "xxab"), "skipping past the end fails");
  }

  @Test
  void pluginInspectsTheStickyBufferItIsWrittenAfter() {
    Harness h = h("file_data; entropy:<1.0;");
    InspectionContext c = Harness.tcp(random(500, 5));
    assertFalse(h.matches(1, c), "no file_data buffer");
    c.setBuffer(Buffers.FILE_DATA, new byte[100], 0, 100);
    assertTrue(h.matches(1, c), "file_data of zeros has entropy 0");
  }

  @Test
  void generatedCodeAgreesWithTheInterpreterOnRandomPayloads() {
    Harness h =
        new Harness(
            "alert tcp any any -> any any (msg:\"a\"; content:\"K\"; skip:2; content:\"K\"; within:3; "
                + "entropy:>2.5,relative,bytes 16; sid:1;)\n"
                + "alert tcp any any -> any any (msg:\"b\"; entropy:<3.0,bytes 24; content:\"KK\"; skip:1; isdataat:4,relative; sid:2;)\n");
    Random rnd = new Random(42);
    int[] matches = new int[3];
    for (int i = 0; i < 3000; i++) {
      byte[] p = new byte[rnd.nextInt(60)];
      int alphabet = 2 + rnd.nextInt(40);
      for (int k = 0; k < p.length; k++) {
        p[k] = rnd.nextInt(4) == 0 ? (byte) 'K' : (byte) ('a' + rnd.nextInt(alphabet));
      }
      for (int sid = 1; sid <= 2; sid++) {
        if (h.matches(sid, Harness.tcp(p))) {
          matches[sid]++;
        }
      }
    }
    assertTrue(matches[1] > 50 && matches[1] < 2950, "rule 1 matched " + matches[1] + " of 3000");
    assertTrue(matches[2] > 50 && matches[2] < 2950, "rule 2 matched " + matches[2] + " of 3000");
  }

  @Test
  void rulesArePrefilteredByTheirContentsAndPluginOnlyRulesAreAlwaysCandidates() {
    Harness h =
        new Harness(
            "alert tcp any any -> any any (msg:\"c\"; content:\"KEY:\"; entropy:>7.0,relative; sid:1;)\n"
                + "alert tcp any any -> any any (msg:\"p\"; entropy:>7.0; sid:2;)\n");
    List<String> fps = new ArrayList<>();
    for (int i = 0; i < h.ruleset.size(); i++) {
      fps.add(h.ruleset.meta(i).sid() + "=" + h.result.image().fastPatterns[i]);
    }
    assertEquals(List.of("1=pkt_data:\"KEY:\"", "2="), fps);
    List<Long> alerts = new ArrayList<>();
    AlertSink sink = (RuleMeta m, InspectionContext ctx) -> alerts.add(m.sid());
    Detector d = new Detector(h.ruleset);
    d.inspect(Harness.tcp(random(1000, 6)), 0, sink);
    assertEquals(List.of(2L), alerts, "random data without the content: only the plugin-only rule");
    alerts.clear();
    d.inspect(Harness.tcp(concat("KEY:", random(1000, 7))), 0, sink);
    assertEquals(List.of(1L, 2L), alerts.stream().sorted().toList());
    alerts.clear();
    d.inspect(Harness.tcp(concat("KEY:", new byte[1000])), 0, sink);
    assertEquals(List.of(), alerts);
  }
}
