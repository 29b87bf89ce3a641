package org.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.detect.artifact.Prefilter;

/**
 * Prefilter scan rate of a compiled rule set (not a JMH benchmark): loads a {@code .vrs}, scans the
 * zeek HTTP payloads with every prefilter of the tcp/80 group and prints the load time, the scan
 * tables' size over all groups and the best and median MB/s, timed in the thread's CPU time so that
 * other processes on a shared machine disturb the figure less than wall time would. Usage: {@code
 * java -cp bench/target/benchmarks.jar -Dvigil.corpus=<corpus> org.vigil.bench.PrefilterScanMeasure
 * <x.vrs> [passes]}.
 */
public final class PrefilterScanMeasure {
  private PrefilterScanMeasure() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Ruleset rs = RulesetLinker.load(Path.of(args[0]));
    long t1 = System.nanoTime();
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<byte[]> payloads = HttpPayloads.load(4000);
    long bytes = payloads.stream().mapToLong(p -> p.length).sum();
    long tableBytes = 0;
    for (int pc = 0; pc < 3; pc++) {
      List<PortGroup> groups = new ArrayList<>(List.of(rs.portGroups(pc)));
      groups.add(rs.anyGroup(pc));
      for (PortGroup g : groups) {
        for (int b = 0; g != null && b < Buffers.COUNT; b++) {
          if (g.prefilter(b) != null) {
            tableBytes += g.prefilter(b).scanTableBytes();
          }
        }
      }
    }
    List<Prefilter> http = new ArrayList<>();
    PortGroup g = rs.portGroup(Ruleset.TCP, 80);
    for (int b = 0; g != null && b < Buffers.COUNT; b++) {
      if (g.prefilter(b) != null) {
        http.add(g.prefilter(b));
      }
    }
    CandidateSet cs = new CandidateSet(rs.size());
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] rate = new double[passes];
    long check = 0;
    for (int k = 0; k < passes; k++) {
      long s = mx.getCurrentThreadCpuTime();
      for (Prefilter pf : http) {
        for (byte[] p : payloads) {
          cs.clear();
          pf.scan(p, 0, p.length, cs);
          check += cs.next(0);
        }
      }
      rate[k] = bytes * http.size() / 1e6 / ((mx.getCurrentThreadCpuTime() - s) / 1e9);
    }
    double[] warm = Arrays.copyOfRange(rate, passes / 3, passes);
    Arrays.sort(warm);
    System.out.printf(
        "load %.2f s; scan tables %.1f MB; %d prefilters of tcp/80 (%d states) over %d bytes: "
            + "best %.1f MB/s, median %.1f MB/s (check %d)%n",
        (t1 - t0) / 1e9,
        tableBytes / 1e6,
        http.size(),
        http.stream().mapToInt(Prefilter::stateCount).sum(),
        bytes,
        warm[warm.length - 1],
        warm[warm.length / 2],
        check);
  }
}
