package org.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.artifact.CandidateSet;

/**
 * Replays every literal scan set of a dump folder ({@link ScanSets}: the buffers a run scanned with
 * each set) and prints per set and in all the thread CPU time per byte (median of the passes after
 * a third of them warmed up) and a digest of the candidates, so that two builds of the scan are
 * compared on a run's own buffers, candidates included. Not a JMH benchmark: it walks all sets in
 * one JVM, as a run does. Usage: {@code java -cp bench/target/benchmarks.jar
 * org.vigil.bench.PrefilterReplayMeasure <x.vrs> <dump folder> [passes] [MB per set]}.
 */
public final class PrefilterReplayMeasure {
  private PrefilterReplayMeasure() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Ruleset rs = RulesetLinker.load(Path.of(args[0]));
    Path dir = Path.of(args[1]);
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 9;
    long cap = (args.length > 3 ? Long.parseLong(args[3]) : 2) << 20;
    Map<String, ScanSets.Set> sets = ScanSets.sets(rs);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> sets.containsKey(p.getFileName().toString())).sorted().toList();
    }
    CandidateSet cs = new CandidateSet(rs.size());
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double totalNs = 0;
    long totalBytes = 0;
    long digest = 0;
    for (Path f : files) {
      ScanSets.Set set = sets.get(f.getFileName().toString());
      List<byte[]> buffers = ScanSets.buffers(f, cap);
      long bytes = buffers.stream().mapToLong(b -> b.length).sum();
      long[] ns = new long[passes];
      long d = 0;
      for (int k = 0; k < passes; k++) {
        long t = mx.getCurrentThreadCpuTime();
        d = 0;
        for (byte[] b : buffers) {
          cs.clear();
          set.scan(b, b.length, cs);
          for (int r = cs.next(0); r >= 0; r = cs.next(r + 1)) {
            d = d * 31 + r;
          }
          d = d * 17 + 1;
        }
        ns[k] = mx.getCurrentThreadCpuTime() - t;
      }
      long[] warm = Arrays.copyOfRange(ns, passes / 3, passes);
      Arrays.sort(warm);
      double med = warm[warm.length / 2];
      totalNs += med;
      totalBytes += bytes;
      digest = digest * 1_000_003 + d;
      System.out.printf(
          "%-36s %9d B %8.2f ms %7.2f ns/B candidates %016x%n",
          set.name(), bytes, med / 1e6, med / bytes, d);
    }
    System.out.printf(
        "ALL %d sets %d B %.1f ms %.2f ns/B digest %016x%n",
        files.size(), totalBytes, totalNs / 1e6, totalNs / totalBytes, digest);
  }
}
