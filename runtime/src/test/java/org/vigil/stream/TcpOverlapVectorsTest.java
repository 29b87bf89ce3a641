package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vigil.stream.policy.TargetPolicies;
import org.vigil.testing.Json;

/**
 * The corpus' tcp-overlap.json: per policy, the stored stream after every segment and what the app
 * layer gets.
 */
class TcpOverlapVectorsTest {
  static Path corpus() {
    return Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"));
  }

  @TestFactory
  @SuppressWarnings("unchecked")
  List<DynamicTest> everyPolicyReassemblesTheExpectedStream() throws Exception {
    Path file = corpus().resolve("evasion/tcp-overlap.json");
    assumeTrue(Files.isRegularFile(file), "corpus not found at " + file);
    Map<String, Object> root = (Map<String, Object>) Json.read(file);
    Map<String, Object> tests = (Map<String, Object>) root.get("tests");
    List<DynamicTest> out = new ArrayList<>();
    for (var t : tests.entrySet()) {
      Map<String, Object> test = (Map<String, Object>) t.getValue();
      List<Map<String, Object>> segments = (List<Map<String, Object>>) test.get("segments");
      Map<String, Object> policies = (Map<String, Object>) test.get("policies");
      for (var p : policies.entrySet()) {
        Map<String, Object> exp = (Map<String, Object>) p.getValue();
        for (Object alias : (List<Object>) exp.get("same_as_policies")) {
          String name = (String) alias;
          out.add(
              DynamicTest.dynamicTest(
                  t.getKey() + "/" + name, () -> check(name, segments, exp, 1000)));
          if (name.equals(p.getKey())) {
            // the same vector across the 2^32 wrap of sequence numbers
            out.add(
                DynamicTest.dynamicTest(
                    t.getKey() + "/" + name + "/seq-wrap", () -> check(name, segments, exp, -10)));
          }
        }
      }
    }
    // inline: whatever the target, overlaps are normalized to the first data
    for (var t : tests.entrySet()) {
      Map<String, Object> test = (Map<String, Object>) t.getValue();
      List<Map<String, Object>> segments = (List<Map<String, Object>>) test.get("segments");
      Map<String, Object> first =
          (Map<String, Object>) ((Map<String, Object>) test.get("policies")).get("vista");
      for (String name : TargetPolicies.names()) {
        out.add(
            DynamicTest.dynamicTest(
                t.getKey() + "/inline/" + name,
                () -> checkInline(name, segments, (String) first.get("expected_stream"))));
      }
    }
    assertEquals(4 * 6, out.stream().filter(d -> d.getDisplayName().endsWith("seq-wrap")).count());
    return out;
  }

  private static void checkInline(
      String policy, List<Map<String, Object>> segments, String expected) {
    StreamConfig cfg = StreamConfig.inline(port -> 64);
    Conn c = new Conn(cfg, TargetPolicies.require(policy), 7, 5000).handshake();
    int maxEnd = 1;
    int rewritten = 0;
    for (Map<String, Object> s : segments) {
      int rel = ((Long) s.get("rel_seq")).intValue();
      String data = (String) s.get("data");
      Seg seg = Seg.of(7 + rel, 5001, TcpFlags.ACK, data);
      SegmentResult r = c.client(seg);
      if (r.payloadRewritten()) {
        rewritten++;
        for (int i = 0; i < seg.payloadLength(); i++) {
          char now = seg.payload().charAt(i);
          assertEquals(
              c.stored().charAt(rel - 1 + i), now, "rewritten packet carries the stored bytes");
        }
      }
      maxEnd = Math.max(maxEnd, rel + data.length());
    }
    c.sack(maxEnd);
    assertEquals(expected, c.rec.toServer.toString(), policy + " inline stream");
    assertTrue(rewritten > 0, "some overlapping segments carried different data");
  }

  @SuppressWarnings("unchecked")
  private static void check(
      String policy, List<Map<String, Object>> segments, Map<String, Object> exp, int isn) {
    Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require(policy), isn, 5000).handshake();
    List<Object> after = (List<Object>) exp.get("stream_after_each_segment");
    int maxEnd = 1;
    for (int i = 0; i < segments.size(); i++) {
      Map<String, Object> s = segments.get(i);
      int rel = ((Long) s.get("rel_seq")).intValue();
      String data = (String) s.get("data");
      c.cdata(rel, data);
      maxEnd = Math.max(maxEnd, rel + data.length());
      assertEquals(
          after.get(i), c.stored(), policy + " after segment " + i + " (" + rel + ":" + data + ")");
    }
    assertEquals(
        "", c.rec.toServer.toString(), "nothing reaches the app layer before the ACK (IDS)");
    c.sack(maxEnd);
    assertEquals(
        exp.get("expected_stream"), c.rec.toServer.toString(), policy + " app-layer stream");
    // Suricata's raw timing: below the chunk size, the ACKed data is inspected raw on the client's
    // next packet
    // once the app layer asks for it
    c.session.triggerRaw(true);
    c.cack(1);
    assertEquals(
        exp.get("expected_stream"), c.rec.rawNewToServer.toString(), policy + " raw stream");
  }
}
