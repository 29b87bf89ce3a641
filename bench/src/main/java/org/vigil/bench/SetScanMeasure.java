package org.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.artifact.CandidateSet;

/**
 * The literal scan sets of a run replayed on the buffers the run scanned with them (dumps as {@link
 * ScanSets} reads them), the shift-or filter against the bit-set loop: candidates compared on every
 * buffer, then each loop timed in the thread's CPU time per byte (best of alternated rounds). With
 * the run's per-set byte counts ({@code A8STATS} lines: set, bytes) the per-byte times are weighted
 * by the bytes the run scanned with each set. {@code modes} is a comma-separated list of {@code
 * bits}, {@code shift-or} (the loop the scans made in that mode run; the first mode's candidates
 * are the reference) or {@code default} (no property: what the class path's build runs). Usage:
 * {@code java -cp bench/target/benchmarks.jar org.vigil.bench.SetScanMeasure <x.vrs> <dump dir>
 * [rounds] [MB per set] [stats file|-] [modes]}.
 */
public final class SetScanMeasure {
  private SetScanMeasure() {}

  private static final String BITS_LOOP = "vigil.prefilter.bits-loop";

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path vrs = Path.of(args[0]);
    Path dir = Path.of(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    long maxBytes = (args.length > 3 ? Long.parseLong(args[3]) : 8) << 20;
    Map<String, Long> runBytes =
        args.length > 4 && !args[4].equals("-") ? runBytes(Path.of(args[4])) : Map.of();
    String[] modes = (args.length > 5 ? args[5] : "bits,shift-or").split(",");
    List<Path> dumps;
    try (Stream<Path> s = Files.list(dir)) {
      dumps = s.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
    }
    List<Map<String, ScanSets.Set>> sets = new ArrayList<>();
    CandidateSet a = null;
    CandidateSet b = null;
    for (String mode : modes) {
      if (mode.equals("bits")) {
        System.setProperty(BITS_LOOP, "true");
      }
      Ruleset rs = RulesetLinker.load(vrs);
      Map<String, ScanSets.Set> m = ScanSets.sets(rs);
      a = new CandidateSet(rs.size());
      b = new CandidateSet(rs.size());
      byte[] one = new byte[64];
      for (Path d : dumps) {
        ScanSets.Set s = m.get(d.getFileName().toString());
        if (s != null) {
          s.scan(one, one.length, a); // makes the set's scan with the property as the mode sets it
        }
      }
      System.clearProperty(BITS_LOOP);
      sets.add(m);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int n = modes.length;
    double[] weighted = new double[n];
    long weightedBytes = 0;
    for (Path d : dumps) {
      String f = d.getFileName().toString();
      ScanSets.Set first = sets.get(0).get(f);
      if (first == null) {
        System.out.println("no set for " + f);
        continue;
      }
      List<byte[]> bufs = ScanSets.buffers(d, maxBytes);
      long bytes = bufs.stream().mapToLong(x -> x.length).sum();
      long diffs = 0;
      long cands = 0;
      for (byte[] x : bufs) {
        a.clear();
        first.scan(x, x.length, a);
        cands += a.size();
        for (int k = 1; k < n; k++) {
          b.clear();
          sets.get(k).get(f).scan(x, x.length, b);
          for (int r = a.next(0); r >= 0; r = a.next(r + 1)) {
            diffs += b.contains(r) ? 0 : 1;
          }
          diffs += Math.abs(a.size() - b.size());
        }
      }
      double[] best = new double[n];
      Arrays.fill(best, Double.MAX_VALUE);
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < n; k++) {
          ScanSets.Set s = sets.get(k).get(f);
          long t = mx.getCurrentThreadCpuTime();
          for (byte[] x : bufs) {
            a.clear();
            s.scan(x, x.length, a);
          }
          best[k] = Math.min(best[k], (mx.getCurrentThreadCpuTime() - t) / (double) bytes);
        }
      }
      long run = runBytes.getOrDefault(f, 0L);
      StringBuilder times = new StringBuilder();
      for (int k = 0; k < n; k++) {
        weighted[k] += run * best[k];
        times.append(String.format(" %s %.2f ns/B", modes[k], best[k]));
      }
      weightedBytes += run;
      System.out.printf(
          "%-44s %5d pats %6d bufs %9d B (run %9d B):%s, cands/buf %.1f, diffs %d%n",
          first.name(),
          first.patterns(),
          bufs.size(),
          bytes,
          run,
          times,
          cands / (double) Math.max(1, bufs.size()),
          diffs);
    }
    if (weightedBytes > 0) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < n; k++) {
        sb.append(String.format(" %s %.1f ms", modes[k], weighted[k] / 1e6));
      }
      System.out.printf("weighted by the run's bytes (%d B):%s%n", weightedBytes, sb);
    }
  }

  private static final Pattern STAT =
      Pattern.compile("A8STATS (.+?)\\s+pats\\s+\\d+ .* bytes\\s+(\\d+) ");

  /** Bytes per set's dump file name from a run's {@code A8STATS} lines. */
  private static Map<String, Long> runBytes(Path stats) throws Exception {
    Map<String, Long> out = new HashMap<>();
    for (String line : Files.readAllLines(stats)) {
      Matcher m = STAT.matcher(line);
      if (m.find()) {
        out.merge(ScanSets.fileName(m.group(1).trim()), Long.parseLong(m.group(2)), Long::sum);
      }
    }
    return out;
  }
}
