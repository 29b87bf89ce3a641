package org.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.CandidateSet;

/**
 * The detector's remembered scans give the candidates a scan of every buffer gives: the same bytes
 * inspected again, a buffer grown since (an HTTP body), other bytes of the same length, other
 * groups and scopes, in any order.
 */
class ScanMemoTest {
  private static final String WORDS = "evil|GET /|cmd.exe|ab|Host: x|secret|abcabcabcabc|zz";

  private static Ruleset rules() {
    StringBuilder text = new StringBuilder();
    String[] words = WORDS.split("\\|");
    int sid = 1;
    for (String w : words) {
      for (String port : new String[] {"80", "any"}) {
        text.append("alert tcp any any -> any ")
            .append(port)
            .append(" (msg:\"p\"; content:\"")
            .append(w)
            .append("\"; sid:")
            .append(sid++)
            .append(";)\n");
        text.append("alert tcp any any -> any ")
            .append(port)
            .append(" (msg:\"d\"; content:\"")
            .append(w)
            .append("\"; offset:3; depth:90; sid:")
            .append(sid++)
            .append(";)\n");
        text.append("alert tcp any any -> any ")
            .append(port)
            // patterns of their own, so that a scan of one direction leaves them out
            .append(" (msg:\"c\"; flow:to_client; content:\"")
            .append(w)
            .append("a\"; sid:")
            .append(sid++)
            .append(";)\n");
        text.append("alert tcp any any -> any ")
            .append(port)
            .append(" (msg:\"s\"; flow:established,to_server; content:\"")
            .append(w)
            .append("b\"; sid:")
            .append(sid++)
            .append(";)\n");
        text.append("alert tcp any any -> any ")
            .append(port)
            .append(" (msg:\"h\"; content:\"")
            .append(w)
            .append("\"; http_header; sid:")
            .append(sid++)
            .append(";)\n");
        text.append("alert tcp any any -> any ")
            .append(port)
            .append(" (msg:\"f\"; file_data; content:\"")
            .append(w)
            .append("\"; depth:150; sid:")
            .append(sid++)
            .append(";)\n");
        text.append("alert tcp any any -> any ")
            .append(port)
            .append(" (msg:\"m\"; content:\"")
            .append(w)
            .append("\"; http_header; content:\"")
            .append(words[(sid * 7) % words.length])
            .append("\"; sid:")
            .append(sid++)
            .append(";)\n");
      }
    }
    ParseResult pr = FrontEnd.parseText("t.rules", text.toString(), Variables.defaults());
    assertTrue(pr.errors().isEmpty(), pr.errors().toString());
    RulesetCompiler.Result res = RulesetCompiler.compile(pr.rules());
    assertTrue(res.errors().isEmpty(), res.errors().toString());
    return res.link();
  }

  private static byte[] randomBytes(Random rnd, int n) {
    String[] words = WORDS.split("\\|");
    StringBuilder b = new StringBuilder();
    while (b.length() < n) {
      if (rnd.nextInt(3) == 0) {
        b.append(words[rnd.nextInt(words.length)]);
      } else {
        b.append((char) ('a' + rnd.nextInt(4)));
      }
    }
    return b.substring(0, n).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static TreeSet<Integer> inScope(Ruleset rs, CandidateSet cs, int scope) {
    TreeSet<Integer> s = new TreeSet<>();
    for (int r = cs.next(0); r >= 0; r = cs.next(r + 1)) {
      if (org.vigil.detect.artifact.ScanKey.keeps(rs.scopes()[r], scope)) {
        s.add(r);
      }
    }
    return s;
  }

  /**
   * An HTTP body inspected on each packet that grows it: a pattern whose first bytes were already
   * scanned on the previous pass and whose end arrives with the next packet still alerts, and a
   * pattern in the part scanned before alerts again on a body seen whole once more (a later
   * transaction's).
   */
  @Test
  void aPatternCompletedByTheBytesAddedToABodyAlerts() {
    ParseResult pr =
        FrontEnd.parseText(
            "t.rules",
            """
            alert tcp any 80 -> any any (msg:"exe"; file_data; content:"cmd.exe"; sid:1;)
            alert tcp any 80 -> any any (msg:"early"; file_data; content:"MZ"; depth:2; sid:2;)
            """,
            Variables.defaults());
    Ruleset rs = RulesetCompiler.compile(pr.rules()).link();
    Detector d = new Detector(rs);
    InspectionContext c = new InspectionContext();
    c.setIpv4(0x0a000002, 0x0a000001);
    c.ipProto = 6;
    c.srcPort = 80;
    c.dstPort = 40000;
    c.flowFlags = InspectionContext.FLOW_TO_CLIENT | InspectionContext.FLOW_ESTABLISHED;
    c.appProto = org.vigil.detect.api.AppProtos.id("http");
    byte[] body =
        ("MZ" + "x".repeat(200) + "cmd.exe" + "y".repeat(50)).getBytes(StandardCharsets.ISO_8859_1);
    int split = 2 + 200 + 4; // "cmd." seen, "exe" still to come
    List<Long> sids = new ArrayList<>();
    for (int len : new int[] {split, body.length, body.length}) {
      c.clearBuffers();
      c.setBuffer(Buffers.FILE_DATA, body, 0, len);
      sids.clear();
      d.inspect(c, 0, (m, x) -> sids.add(m.sid()), org.vigil.detect.artifact.RuleMeta.ON_STREAM);
      assertEquals(len == split ? List.of(2L) : List.of(1L, 2L), sids.stream().sorted().toList());
    }
    assertTrue(d.scansReused() >= 2, "the grown body and the same body again were remembered");
  }

  @Test
  void rememberedScansGiveTheCandidatesOfAScan() {
    Ruleset rs = rules();
    ScanMemo memo = new ScanMemo();
    memo.clear(rs.size());
    Random rnd = new Random(31);
    int[] buffers = {Buffers.PAYLOAD, Buffers.HTTP_HEADER, Buffers.FILE_DATA};
    List<byte[][]> seen = new ArrayList<>();
    List<Integer> seenFlows = new ArrayList<>();
    Random dir = new Random(7);
    InspectionContext c = new InspectionContext();
    c.setIpv4(0x0a000001, 0x0a000002);
    c.ipProto = 6;
    c.srcPort = 40000;
    c.flowFlags = InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_ESTABLISHED;
    // the flow facts of the inspections: each leaves out other rules' patterns
    int[] flows = {
      c.flowFlags,
      InspectionContext.FLOW_TO_CLIENT | InspectionContext.FLOW_ESTABLISHED,
      InspectionContext.FLOW_TO_SERVER,
      0
    };
    for (int round = 0; round < 3000; round++) {
      byte[][] bufs = new byte[buffers.length][];
      // mostly the buffers of a recent inspection, whose scans the memo may still hold
      int from =
          seen.isEmpty()
              ? -1
              : rnd.nextInt(4) > 0
                  ? seen.size() - 1 - rnd.nextInt(Math.min(3, seen.size()))
                  : rnd.nextInt(seen.size());
      byte[][] earlier = from < 0 ? null : seen.get(from);
      // bytes seen again come mostly in the same direction
      int flow =
          from >= 0 && dir.nextInt(8) > 0
              ? seenFlows.get(from)
              : flows[dir.nextInt(3) > 0 ? 0 : dir.nextInt(flows.length)];
      seenFlows.add(flow);
      for (int i = 0; i < buffers.length; i++) {
        int kind = earlier == null ? 0 : rnd.nextInt(5);
        byte[] prev = earlier == null ? null : earlier[i];
        if (prev != null && kind == 1) {
          bufs[i] = prev; // the same bytes again
        } else if (prev != null && kind == 2) {
          byte[] grown = java.util.Arrays.copyOf(prev, prev.length + 1 + rnd.nextInt(200));
          byte[] tail = randomBytes(rnd, grown.length - prev.length);
          System.arraycopy(tail, 0, grown, prev.length, tail.length);
          bufs[i] = grown; // grown since
        } else if (prev != null && kind == 3) {
          bufs[i] = prev.clone();
          bufs[i][rnd.nextInt(bufs[i].length)] ^= 1; // one byte changed
        } else if (rnd.nextInt(4) > 0) {
          bufs[i] = randomBytes(rnd, 20 + rnd.nextInt(400));
        }
      }
      seen.add(bufs);
      c.clearBuffers();
      for (int i = 0; i < buffers.length; i++) {
        if (bufs[i] != null) {
          // the bytes inside a larger array, as a context's buffers often are
          byte[] inside = new byte[bufs[i].length + 9];
          System.arraycopy(bufs[i], 0, inside, 5, bufs[i].length);
          c.setBuffer(buffers[i], inside, 5, bufs[i].length);
        }
      }
      c.dstPort = rnd.nextBoolean() ? 80 : 8080;
      int scope =
          new int[] {0, 1, 2, 8, 9}[rnd.nextInt(5)]
              | org.vigil.detect.artifact.ScanKey.flowKey(flow);
      c.flowFlags = flow;
      CandidateSet expected = new CandidateSet(rs.size());
      rs.candidates(c, expected, scope);
      CandidateSet got = new CandidateSet(rs.size());
      memo.candidates(rs, c, got, scope, rnd.nextInt(8) > 0);
      assertEquals(inScope(rs, expected, scope), inScope(rs, got, scope), "round " + round);
    }
    assertTrue(memo.reused() > 500, "scans remembered: " + memo.reused());
  }
}
