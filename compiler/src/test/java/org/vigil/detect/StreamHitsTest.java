package org.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.api.AppProtos;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.RuleMeta;

/**
 * A raw chunk's scan answered from the kept scans of the packets it holds gives the candidates of a
 * scan of the chunk, whatever the segmentation (patterns across packet seams, packets cut by the
 * chunk's edges, retransmissions, packets kept out of order or not at all), the chunk's edges and
 * the rules' offsets and depths; and a packet's scan kept for its chunk gives the packet's own
 * rules their candidates.
 */
class StreamHitsTest {
  private static final String WORDS =
      "evil|GET /|cmd.exe|ab|Host: x|secret|abcabcabcabc|zz|q|"
          + "a-rather-long-pattern-that-runs-across-packet-seams-0123456789";

  private static Ruleset rules() {
    StringBuilder text = new StringBuilder();
    String[] words = WORDS.split("\\|");
    int sid = 1;
    for (String w : words) {
      for (String port : new String[] {"80", "any"}) {
        String head = "alert tcp any any -> any " + port + " (msg:\"x\"; content:\"" + w + "\"; ";
        text.append(head).append("sid:").append(sid++).append(";)\n");
        text.append(head).append("offset:3; depth:90; sid:").append(sid++).append(";)\n");
        text.append(head)
            .append("depth:")
            .append(w.length() + 3)
            .append("; sid:")
            .append(sid++)
            .append(";)\n");
        text.append(head).append("offset:200; sid:").append(sid++).append(";)\n");
        text.append(head).append("dsize:>10; sid:").append(sid++).append(";)\n");
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
      if (scope == 0 || (rs.scopes()[r] & scope) != 0) {
        s.add(r);
      }
    }
    return s;
  }

  /** A context holding {@code data[from .. to)} as its payload, inside a larger array. */
  private static void payload(InspectionContext c, byte[] data, int from, int to) {
    byte[] inside = new byte[to - from + 11];
    System.arraycopy(data, from, inside, 7, to - from);
    c.clearBuffers();
    c.setBuffer(Buffers.PAYLOAD, inside, 7, to - from);
  }

  @Test
  void chunksAnsweredFromTheirPacketsGetTheCandidatesOfAScan() {
    long saved = chunksMatchScans(StreamHits::new);
    assertTrue(saved > 100_000, "chunk bytes taken from packets: " + saved);
  }

  /**
   * Kept scans made within a small budget (as a flow's session grants them from stream.memcap)
   * never hold more than it granted, say what they hold, and still give every chunk the candidates
   * of a scan: a growth refused leaves a packet unkept, not a candidate out.
   */
  @Test
  void keptScansWithinABudgetHoldNoMoreThanItGrantsAndLoseNoCandidate() {
    long cap = StreamHits.INITIAL_BYTES + 400;
    long[] granted = new long[1];
    int[] refused = new int[1];
    List<StreamHits> made = new ArrayList<>();
    long saved =
        chunksMatchScans(
            () -> {
              granted[0] = 0;
              StreamHits h =
                  StreamHits.within(
                      n -> {
                        if (granted[0] + n > cap) {
                          refused[0]++;
                          return false;
                        }
                        granted[0] += n;
                        return true;
                      });
              made.add(h);
              return h;
            },
            h -> {
              assertTrue(h.bytes() <= cap, h.bytes() + " bytes held, budget " + cap);
              assertEquals(granted[0], h.bytes(), "held bytes are the granted ones");
            });
    assertTrue(refused[0] > 0, "the budget refused a growth");
    assertTrue(saved > 10_000, "chunk bytes still taken from packets: " + saved);
    // a budget with no room for even the first arrays: no kept scans at all
    assertEquals(null, StreamHits.within(n -> false));
    assertEquals(400, made.size());
  }

  private static long chunksMatchScans(java.util.function.Supplier<StreamHits> make) {
    return chunksMatchScans(make, h -> {});
  }

  /** The rounds of random streams; returns the chunk bytes taken from kept packet scans. */
  private static long chunksMatchScans(
      java.util.function.Supplier<StreamHits> make,
      java.util.function.Consumer<StreamHits> afterEach) {
    Ruleset rs = rules();
    ScanMemo memo = new ScanMemo();
    memo.clear(rs.size());
    Random rnd = new Random(7);
    InspectionContext c = new InspectionContext();
    c.setIpv4(0x0a000001, 0x0a000002);
    c.ipProto = 6;
    c.srcPort = 40000;
    c.flowFlags = InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_ESTABLISHED;
    Object store = new Object();
    long answered = 0;
    long savedBefore = memo.streamBytesSaved();
    for (int round = 0; round < 400; round++) {
      StreamHits hits = make.get();
      byte[] stream = randomBytes(rnd, 50 + rnd.nextInt(4000));
      c.dstPort = rnd.nextBoolean() ? 80 : 8080;
      boolean app = rnd.nextBoolean();
      c.appProto = app ? AppProtos.id("http") : AppProtos.UNKNOWN;
      int chunkScope = app && rnd.nextBoolean() ? RuleMeta.ON_STREAM | RuleMeta.ON_TX_STREAM : 1;
      int keptScope = RuleMeta.ON_STORED_PACKET | chunkScope;
      long stamp = 1;
      // the packets, in stream order, each sent once or twice, some kept out of order
      List<int[]> packets = new ArrayList<>();
      for (int at = 0; at < stream.length; ) {
        int len = Math.min(stream.length - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 600));
        packets.add(new int[] {at, at + len});
        if (rnd.nextInt(8) == 0) {
          int back = Math.max(0, at - rnd.nextInt(100));
          packets.add(new int[] {back, at + len}); // a retransmission of held bytes
        }
        at += len;
      }
      for (int i = 0; i + 1 < packets.size(); i++) {
        if (rnd.nextInt(6) == 0) {
          int[] t = packets.get(i);
          packets.set(i, packets.get(i + 1));
          packets.set(i + 1, t);
        }
      }
      int next = 0;
      long chunked = 0;
      while (chunked < stream.length) {
        // a few packets, then a chunk of what arrived in order (with bytes of the previous chunk
        // again, sometimes)
        for (int k = rnd.nextInt(5); k >= 0 && next < packets.size(); k--, next++) {
          int[] p = packets.get(next);
          payload(c, stream, p[0], p[1]);
          c.dsize = p[1] - p[0];
          boolean keep = rnd.nextInt(10) > 0;
          if (keep) {
            hits.packet(p[0], store, stamp);
          }
          CandidateSet got = new CandidateSet(rs.size());
          memo.candidates(
              rs, c, got, RuleMeta.ON_STORED_PACKET, false, keep ? hits : null, keptScope);
          hits.finish();
          CandidateSet expected = new CandidateSet(rs.size());
          rs.candidates(c, expected, RuleMeta.ON_STORED_PACKET);
          assertEquals(
              inScope(rs, expected, RuleMeta.ON_STORED_PACKET),
              inScope(rs, got, RuleMeta.ON_STORED_PACKET),
              "round " + round + " packet " + Arrays.toString(p));
        }
        int end =
            next >= packets.size()
                ? stream.length
                : (int) Math.min(stream.length, chunked + 1 + rnd.nextInt(3000));
        int from = (int) Math.max(0, chunked - (rnd.nextInt(3) == 0 ? rnd.nextInt(300) : 0));
        if (rnd.nextInt(25) == 0) {
          stamp++; // the stream's bytes may have changed: what was kept is not used
        }
        payload(c, stream, from, end);
        c.dsize = -1;
        c.streamChunk = true;
        hits.chunk(from, end - from, store, stamp);
        CandidateSet got = new CandidateSet(rs.size());
        memo.candidates(rs, c, got, chunkScope, app && rnd.nextBoolean(), hits, keptScope);
        hits.finish();
        c.streamChunk = false;
        CandidateSet expected = new CandidateSet(rs.size());
        rs.candidates(c, expected, chunkScope);
        assertEquals(
            inScope(rs, expected, chunkScope),
            inScope(rs, got, chunkScope),
            "round " + round + " chunk " + from + ".." + end);
        answered++;
        chunked = end;
        afterEach.accept(hits);
      }
    }
    assertTrue(answered > 500, "chunks: " + answered);
    return memo.streamBytesSaved() - savedBefore;
  }
}
