package org.vigil.acquire.nfq;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Measures NFQUEUE verdicts per second: a flood of small UDP datagrams from the client namespace
 * through the router's queue, verdicted by the C libnetfilter_queue accept-all listener ({@code
 * nfq/nfq_accept_all.c}, built here with gcc) and by Vigil's {@link NfqSource} (a payload scan
 * standing in for a small ruleset), alternately, and prints the ratio. A measurement, not a check:
 * it asserts nothing about speed and runs only when {@code VIGIL_NFQ_RATE=1} (see {@code
 * nfq/verdict-rate.sh}); {@code VIGIL_NFQ_RATE_PACKETS} (per flood, default 400000) and {@code
 * VIGIL_NFQ_RATE_ROUNDS} (default 3) size it.
 */
class NfqVerdictRateTest {

  private static final int QUEUE = 2320;
  private static final Pattern RATE =
      Pattern.compile("PACKETS (\\d+) SECONDS ([0-9.]+) RATE (\\d+)");

  @Test
  void verdictRateOfVigilAgainstTheCListener() throws Exception {
    assumeTrue(
        "1".equals(System.getenv("VIGIL_NFQ_RATE")),
        "verdict-rate measurement runs only with VIGIL_NFQ_RATE=1");
    assumeTrue(NfqTestbed.onPath("gcc"), "gcc not found: cannot build the C reference listener");
    int packets =
        Integer.parseInt(System.getenv().getOrDefault("VIGIL_NFQ_RATE_PACKETS", "400000"));
    int rounds = Integer.parseInt(System.getenv().getOrDefault("VIGIL_NFQ_RATE_ROUNDS", "3"));
    Path bin = Files.createTempDirectory("vigil-nfq-rate");
    try (NfqTestbed bed = new NfqTestbed("vqr", QUEUE, false)) {
      Path listener = bin.resolve("nfq_accept_all");
      Path flood = bin.resolve("udp_flood");
      gcc(
          NfqTestbed.resource("/nfq/nfq_accept_all.c"),
          listener,
          "-lnetfilter_queue",
          "-lnfnetlink");
      gcc(NfqTestbed.resource("/nfq/udp_flood.c"), flood);
      List<Double> cRates = new ArrayList<>();
      List<Double> vRates = new ArrayList<>();
      List<Double> oneRates = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        // C reference
        Process c = bed.startIn('r', List.of(listener.toString(), String.valueOf(QUEUE)));
        BufferedReader cOut =
            new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
        awaitReady(cOut);
        String sentC = flood(bed, flood, packets);
        long droppedC = kernelDropped(bed);
        // SIGTERM by pid (Process.destroy() would close its output before we read the count)
        NfqTestbed.exec(List.of("kill", "-TERM", String.valueOf(c.pid())), 5);
        double rc = rate(readAll(cOut));
        c.waitFor(5, TimeUnit.SECONDS);
        cRates.add(rc);

        // Vigil, one packet per recv() and then several per recvmmsg(), each after a warm-up flood
        Measure one = measureVigil(bed, flood, packets, "rxbatch=1");
        Measure many = measureVigil(bed, flood, packets, "rxbatch=16");
        oneRates.add(one.rate);
        vRates.add(many.rate);
        System.out.printf(
            Locale.ROOT,
            "round %d: C %.0f/s (%s, kernel queue drops %d) | Vigil recv %.0f/s (%s, drops %d) ratio %.2f"
                + " | Vigil recvmmsg %.0f/s (%s, drops %d) ratio %.2f%n",
            round,
            rc,
            sentC.trim(),
            droppedC,
            one.rate,
            one.sent,
            one.dropped,
            one.rate / rc,
            many.rate,
            many.sent,
            many.dropped,
            many.rate / rc);
        System.out.println("  vigil " + many.stats);
      }
      System.out.printf(
          Locale.ROOT,
          "NFQUEUE verdict rate, median of %d rounds: C listener %.0f/s, Vigil (recv) %.0f/s ratio %.2f,"
              + " Vigil (recvmmsg) %.0f/s ratio %.2f%n",
          rounds,
          median(cRates),
          median(oneRates),
          median(oneRates) / median(cRates),
          median(vRates),
          median(vRates) / median(cRates));
    } finally {
      try (var files = Files.list(bin)) {
        for (Path f : files.toList()) Files.deleteIfExists(f);
      }
      Files.deleteIfExists(bin);
    }
  }

  private record Measure(double rate, String sent, long dropped, String stats) {}

  private static Measure measureVigil(NfqTestbed bed, Path flood, int packets, String rxOption)
      throws Exception {
    NfqTestbed.Listener v = bed.startListener(QUEUE, "accept", "VIGIL-NEVER-SEEN", false, rxOption);
    flood(bed, flood, packets / 2);
    Writer ctl =
        new java.io.OutputStreamWriter(v.process().getOutputStream(), StandardCharsets.UTF_8);
    ctl.write("RESET\n");
    ctl.flush();
    Thread.sleep(200);
    long before = kernelDropped(bed);
    String sent = flood(bed, flood, packets).trim();
    long dropped = kernelDropped(bed) - before;
    String report = v.stop();
    return new Measure(
        rate(report),
        sent,
        dropped,
        report
            .lines()
            .filter(l -> l.startsWith("STATS") || l.startsWith("ALLOC"))
            .reduce((a, b) -> a + "\n  " + b)
            .orElse(""));
  }

  private static void gcc(Path source, Path out, String... libs) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("gcc", "-O2", "-o", out.toString(), source.toString()));
    cmd.addAll(List.of(libs));
    NfqTestbed.Result r = NfqTestbed.exec(cmd, 60);
    assumeTrue(
        r.code() == 0,
        "cannot build "
            + source.getFileName()
            + " (libnetfilter-queue-dev installed?): "
            + r.output());
  }

  private static String flood(NfqTestbed bed, Path flood, int packets) throws Exception {
    NfqTestbed.Result r =
        NfqTestbed.exec(
            List.of(
                "ip",
                "netns",
                "exec",
                bed.ns('c'),
                flood.toString(),
                NfqTestbed.SERVER4,
                "9",
                String.valueOf(packets),
                "16",
                "5"),
            30);
    if (r.code() != 0) throw new IllegalStateException("flood failed: " + r.output());
    return r.output();
  }

  private static long kernelDropped(NfqTestbed bed) throws Exception {
    NfqTestbed.Result r =
        NfqTestbed.exec(
            List.of("ip", "netns", "exec", bed.ns('r'), "cat", KernelQueueCounters.PROC.toString()),
            5);
    for (String line : r.output().lines().toList()) {
      KernelQueueCounters k = KernelQueueCounters.parse(line);
      if (k != null && k.queue() == QUEUE) return k.queueDropped() + k.userDropped();
    }
    return -1;
  }

  private static void awaitReady(BufferedReader out) throws Exception {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.equals("READY")) return;
    }
    throw new IllegalStateException("C listener did not start");
  }

  private static String readAll(BufferedReader out) throws Exception {
    StringBuilder sb = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) sb.append(line).append('\n');
    return sb.toString();
  }

  private static double rate(String output) {
    Matcher m = RATE.matcher(output);
    if (!m.find()) throw new IllegalStateException("no rate in: " + output);
    return Double.parseDouble(m.group(3));
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }
}
