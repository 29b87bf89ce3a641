package org.vigil.bench;

import java.lang.management.*;
import java.nio.file.Path;
import java.util.*;
import org.vigil.detect.*;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.artifact.*;

/**
 * Literal scan vs automaton on a compiled rule set: candidates compared on every prefilter (HTTP
 * payloads of the corpus, random bytes, and the payloads of a capture's first 4 MiB when one is
 * given), speed on the largest (CPU time). Usage: {@code java -cp bench/target/benchmarks.jar
 * org.vigil.bench.LiteralScanMeasure <x.vrs> [capture.pcap]}.
 */
public final class LiteralScanMeasure {
  private LiteralScanMeasure() {}

  /** Entry point. */
  public static void main(String[] a) throws Exception {
    Ruleset rs = RulesetLinker.load(Path.of(a[0]));
    List<byte[]> payloads = HttpPayloads.load(4000);
    long bytes = payloads.stream().mapToLong(p -> p.length).sum();
    Prefilter[] pfs = {
      rs.anyGroup(0).prefilter(0),
      rs.anyGroup(0).prefilter(11),
      rs.portGroup(Ruleset.TCP, 80).prefilter(1),
      rs.portGroup(Ruleset.TCP, 80).prefilter(0),
      rs.portGroup(Ruleset.TCP, 80).prefilter(4)
    };
    CandidateSet x = new CandidateSet(rs.size()), y = new CandidateSet(rs.size());
    long diffs = 0, cands = 0;
    // correctness on all prefilters of all groups
    List<Prefilter> all = new ArrayList<>();
    for (int pc = 0; pc < 3; pc++) {
      List<PortGroup> gs = new ArrayList<>(Arrays.asList(rs.portGroups(pc)));
      gs.add(rs.anyGroup(pc));
      for (PortGroup g : gs)
        for (int b = 0; g != null && b < Buffers.COUNT; b++)
          if (g.prefilter(b) != null) all.add(g.prefilter(b));
    }
    Random rnd = new Random(1);
    List<byte[]> checked = new ArrayList<>(payloads);
    if (a.length > 1) {
      // a capture's first megabytes: the TCP and UDP payloads of real traffic, binary ones too
      byte[] head;
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(Path.of(a[1]))) {
        head = in.readNBytes(4 << 20);
      }
      for (CandidatesCaptureMeasure.Payload p : CandidatesCaptureMeasure.read(head))
        checked.add(p.bytes());
    }
    // random bytes drawn from the ones patterns are made of: letters of either case, digits,
    // zeros, 0xff, spaces and line ends
    byte[] alphabet = "aAbBeEgGhHiIlLnNoOpPsStTxX0123 \r\n:/.=-\0\0\0\u00ff".getBytes("ISO-8859-1");
    for (int k = 0; k < 2000; k++) {
      byte[] b = new byte[rnd.nextInt(1500)];
      for (int j = 0; j < b.length; j++)
        b[j] =
            rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : alphabet[rnd.nextInt(alphabet.length)];
      checked.add(b);
    }
    for (Prefilter pf : all)
      for (byte[] p : checked) {
        int off = p.length > 0 ? rnd.nextInt(Math.min(8, p.length)) : 0;
        x.clear();
        y.clear();
        pf.scan(p, off, p.length - off, x);
        pf.scanAutomaton(p, off, p.length - off, y);
        for (int r = y.next(0); r >= 0; r = y.next(r + 1)) {
          cands++;
          if (!x.contains(r)) diffs++;
        }
        for (int r = x.next(0); r >= 0; r = x.next(r + 1)) if (!y.contains(r)) diffs++;
      }
    System.out.println(
        "prefilters "
            + all.size()
            + ", buffers "
            + checked.size()
            + ": candidates "
            + cands
            + " diffs "
            + diffs);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (Prefilter pf : pfs) {
      double best1 = 0, best2 = 0;
      for (int k = 0; k < 15; k++) {
        long s = mx.getCurrentThreadCpuTime();
        for (byte[] p : payloads) {
          x.clear();
          pf.scanAutomaton(p, 0, p.length, x);
        }
        long m = mx.getCurrentThreadCpuTime();
        for (byte[] p : payloads) {
          x.clear();
          pf.scan(p, 0, p.length, x);
        }
        long e = mx.getCurrentThreadCpuTime();
        best1 = Math.max(best1, bytes / 1e6 / ((m - s) / 1e9));
        best2 = Math.max(best2, bytes / 1e6 / ((e - m) / 1e9));
      }
      System.out.printf(
          "%d pats %d states: automaton %.0f MB/s, literal %.0f MB/s%n",
          pf.patternCount(), pf.stateCount(), best1, best2);
    }
  }
}
