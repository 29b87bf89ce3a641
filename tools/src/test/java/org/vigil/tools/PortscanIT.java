package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real nmap scans against a target namespace while {@code vigil run -i} watches the target's link
 * live with two workers in a fanout group (the flows of one scanner land on both, sharing the
 * portscan tracker), at the default sense level (low): each scan type raises its sfPortscan
 * signature (gid 122) from its scanner to its target. Each scan has its own source address (the
 * scanner namespace holds several) and its own target address (the target namespace holds them on
 * its loopback, with an HTTP server on port 8080 that the {@code -sS} scan finds open: Open Port;
 * 10.9.3.0/24 is an unreachable route there, answered with host unreachables). The target sends
 * ICMP errors without rate limit, as a scanned host with few ICMP limits would. Skipped when not
 * root or without ip/nmap/python3 (bin/setup installs nmap).
 */
class PortscanIT {
  static final Path ROOT = RunInlineIT.ROOT;
  static final String NS = RunInlineIT.NS_PREFIX + "vgps";
  static final String RULES =
      "alert tcp any any -> any 9 (msg:\"never\"; content:\"zzzzzz\"; sid:9; rev:1;)\n";

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void topology() throws Exception {
    RunInlineIT.assumeRoot("portscan test", "ip", "nmap", "python3");
    down();
    List<String> up = new ArrayList<>();
    up.add("ip netns add " + NS + "s");
    up.add("ip netns add " + NS + "t");
    up.add("ip -n " + NS + "s link set lo up");
    up.add("ip -n " + NS + "t link set lo up");
    up.add("ip link add s0 netns " + NS + "s type veth peer name t0 netns " + NS + "t");
    up.add("ip -n " + NS + "s addr add 10.9.1.1/24 dev s0");
    up.add("ip -n " + NS + "t addr add 10.9.1.2/24 dev t0");
    for (int i = 1; i <= 12; i++) {
      up.add("ip -n " + NS + "s addr add 10.9.4." + i + "/32 dev s0");
      up.add("ip -n " + NS + "t addr add 10.9.2." + i + "/32 dev lo");
    }
    up.add("ip -n " + NS + "s link set s0 up");
    up.add("ip -n " + NS + "t link set t0 up");
    up.add("ip -n " + NS + "s route add 10.9.2.0/24 via 10.9.1.2");
    up.add("ip -n " + NS + "s route add 10.9.3.0/24 via 10.9.1.2");
    up.add("ip -n " + NS + "t route add default via 10.9.1.1");
    up.add("ip -n " + NS + "t route add unreachable 10.9.3.0/24");
    String sysctl = "ip netns exec " + NS + "t sysctl -qw ";
    up.add(sysctl + "net.ipv4.ip_forward=1");
    up.add(sysctl + "net.ipv4.icmp_ratelimit=0");
    up.add(sysctl + "net.ipv4.icmp_msgs_per_sec=100000");
    RunInlineIT.Result r = RunInlineIT.exec(List.of("sh", "-c", String.join(" && ", up)), 30);
    if (r.code() != 0) {
      down();
      assumeTrue(false, "cannot make network namespaces (ip netns): " + r.out());
    }
  }

  @AfterEach
  void down() throws Exception {
    RunInlineIT.teardown(started, NS + "s", NS + "t");
  }

  private Process vigil(Path logs, Path out) throws Exception {
    Path rules = Files.writeString(dir.resolve("ps.rules"), RULES);
    Process p =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                NS + "t",
                ROOT.resolve("bin/vigil").toString(),
                "run",
                "-i",
                "t0",
                "-S",
                rules.toString(),
                "-l",
                logs.toString(),
                "--runmode",
                "workers",
                "--threads",
                "2",
                "--set",
                "portscan.enabled=yes")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    started.add(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.readString(out).contains("capturing on t0")) {
      assertTrue(p.isAlive(), "vigil exited: " + Files.readString(out));
      assertTrue(System.nanoTime() < deadline, "vigil did not start: " + Files.readString(out));
      Thread.sleep(100);
    }
    return p;
  }

  /** nmap in the scanner namespace from {@code source} (with -n -Pn unless a ping sweep). */
  private static String nmap(String source, String args) {
    return "ip netns exec "
        + NS
        + "s nmap -n -e s0 -S "
        + source
        + " --max-retries 1 "
        + args
        + " 2>&1";
  }

  private static void sh(String script, long seconds) throws Exception {
    RunInlineIT.Result r = RunInlineIT.exec(List.of("sh", "-c", script), seconds);
    assertEquals(0, r.code(), script + ": " + r.out());
  }

  private static final Pattern ALERT =
      Pattern.compile(
          "\"src_ip\":\"([^\"]+)\",\"dest_ip\":\"([^\"]+)\".*\"gid\":122,\"signature_id\":(\\d+)");

  /** "sid scanner > target" of each gid 122 alert in eve.json. */
  private static List<String> portscans(Path logs) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"), StandardCharsets.UTF_8)) {
      if (line.contains("\"event_type\":\"alert\"") && line.contains("\"gid\":122")) {
        Matcher m = ALERT.matcher(line);
        assertTrue(m.find(), line);
        assertTrue(line.contains("\"portscan\":{\"priority_count\":"), line);
        out.add(m.group(3) + " " + m.group(1) + " > " + m.group(2));
      }
    }
    return out;
  }

  private static boolean has(List<String> alerts, String sid, String scanner, String target) {
    return alerts.contains(sid + " " + scanner + " > " + target);
  }

  private static boolean hasSidFor(List<String> alerts, String sid, String target) {
    return alerts.stream().anyMatch(a -> a.startsWith(sid + " ") && a.endsWith(" > " + target));
  }

  @Test
  void eachNmapScanTypeRaisesItsPortscanSignature() throws Exception {
    Path logs = dir.resolve("logs");
    Path out = dir.resolve("vigil.out");
    // an open port on every target address: the -sS scan finds it (sfPortscan's Open Port)
    started.add(RunInlineIT.webServer(NS + "t", dir, dir.resolve("http.out")));
    Process vigil = vigil(logs, out);
    // the slow scan runs beside the others: one probe a second
    Process slow =
        new ProcessBuilder("sh", "-c", nmap("10.9.4.11", "-Pn -sS --scan-delay 1s -p 1-6 10.9.2.8"))
            .start();
    started.add(slow);
    String found =
        RunInlineIT.exec(
                List.of("sh", "-c", nmap("10.9.4.1", "-Pn -T4 -sS -p 1-100,8080 10.9.2.1")), 60)
            .out();
    assertTrue(found.contains("8080/tcp open"), "nmap finds the open port: " + found);
    sh(nmap("10.9.4.2", "-Pn -T4 -sT -p 1-100 10.9.2.2"), 60);
    sh(nmap("10.9.4.3", "-Pn -T4 -sU -p 1-60 10.9.2.3"), 60);
    sh(nmap("10.9.4.4", "-Pn -T4 -sO -p 1-120 10.9.2.4"), 60);
    sh(nmap("10.9.4.5", "-T4 -sn 10.9.3.1-12"), 60);
    StringBuilder decoys = new StringBuilder();
    for (int d = 1; d <= 9; d++) {
      decoys.append("10.9.5.").append(d).append(',');
    }
    sh(nmap("10.9.4.6", "-Pn -T4 -sS -D " + decoys + "ME -p 1-100 10.9.2.6"), 60);
    // four scanners at once, each on its own ports, one probe each 200 ms: their probes interleave
    List<String> dist = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      int from = 1 + 20 * s;
      dist.add(
          nmap(
                  "10.9.4." + (7 + s),
                  "-Pn -sS --scan-delay 200ms -p " + from + "-" + (from + 19) + " 10.9.2.7")
              + " &");
    }
    sh(String.join(" ", dist) + " wait", 60);
    assertTrue(slow.waitFor(30, TimeUnit.SECONDS), "the slow scan ended");
    Thread.sleep(500);
    RunInlineIT.exec(List.of("kill", "-TERM", Long.toString(vigil.pid())), 5);
    assertTrue(vigil.waitFor(30, TimeUnit.SECONDS), "vigil did not stop on SIGTERM");
    assertEquals(0, vigil.exitValue(), Files.readString(out));
    List<String> a = portscans(logs);
    String all = String.join("\n", new TreeSet<>(a));
    assertTrue(has(a, "1", "10.9.4.1", "10.9.2.1"), "-sS: TCP Portscan\n" + all);
    assertTrue(has(a, "27", "10.9.4.1", "10.9.2.1"), "-sS: its Open Port\n" + all);
    assertTrue(
        Files.readAllLines(logs.resolve("eve.json")).stream()
            .anyMatch(
                l ->
                    l.contains("\"signature_id\":27,")
                        && l.contains("\"dest_port\":8080")
                        && l.contains("\"open_port\":8080")),
        "the Open Port alert names port 8080\n" + all);
    assertEquals(
        1,
        a.stream().filter(x -> x.startsWith("27 ")).count(),
        "one open port, of the one scan that found it\n" + all);
    // a connect scan's source is the kernel's choice of address
    assertTrue(hasSidFor(a, "1", "10.9.2.2"), "-sT: TCP Portscan\n" + all);
    assertTrue(has(a, "17", "10.9.4.3", "10.9.2.3"), "-sU: UDP Portscan\n" + all);
    assertTrue(has(a, "9", "10.9.4.4", "10.9.2.4"), "-sO: IP Protocol Scan\n" + all);
    assertTrue(
        a.stream().anyMatch(x -> x.startsWith("25 10.9.4.5 > 10.9.3.")), "-sn: ICMP Sweep\n" + all);
    assertTrue(hasSidFor(a, "2", "10.9.2.6"), "-D: TCP Decoy Portscan\n" + all);
    assertTrue(hasSidFor(a, "4", "10.9.2.7"), "four scanners: TCP Distributed Portscan\n" + all);
    assertTrue(has(a, "1", "10.9.4.11", "10.9.2.8"), "--scan-delay 1s: TCP Portscan\n" + all);
    for (String other : List.of("1", "4")) {
      assertFalse(hasSidFor(a, other, "10.9.2.6"), "the decoy scan is only a decoy scan\n" + all);
    }
    for (String other : List.of("1", "2")) {
      assertFalse(hasSidFor(a, other, "10.9.2.7"), "the distributed scan is only that\n" + all);
    }
    assertEquals(a.size(), new TreeSet<>(a).size(), "one alert per scan and window\n" + a);
  }
}
