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
 * {@code bin/vigil run -i} on a veth link between two network namespaces the test makes: a client
 * (curl) and an HTTP server (python), Vigil capturing the server's side. Live alerts for real
 * requests with one thread and with two workers in a fanout group; a BPF filter on the command line
 * keeps the UDP probes out (counted by the kernel and the decoder); SIGTERM ends the run with exit
 * 0, final stats and the kernel's counters; an interface going down and up is waited for; SIGHUP
 * reopens a moved eve.json, also when Vigil was started with SIGHUP ignored (as nohup starts it);
 * the pid file holds the pid. Then zeek HTTP captures replayed by tcpreplay into Vigil's interface
 * raise the alerts {@code run -r} raises on the same files. Skipped when not root or without
 * ip/python3/curl (tcpreplay for the replay).
 */
class LiveCaptureIT {
  static final Path ROOT = RunInlineIT.ROOT;
  static final Path HTTP = ROOT.resolve("../shared/corpus/pcaps/zeek/http").normalize();
  static final String NS = RunInlineIT.NS_PREFIX + "vglive";
  static final String SERVER = "10.233.1.2";
  static final String RULES =
      """
      alert tcp any any -> any 8080 (msg:"index requested"; flow:to_server,established; content:"/index.html"; http_uri; sid:1; rev:1;)
      alert tcp any 8080 -> any any (msg:"hello in body"; flow:to_client,established; content:"hello"; sid:2; rev:1;)
      alert udp any any -> any 9999 (msg:"udp probe"; content:"probe"; sid:3; rev:1;)
      alert tcp any any -> any any (msg:"GET request"; flow:to_server,established; content:"GET"; http_method; sid:10; rev:1;)
      alert tcp any any -> any any (msg:"HTTP 200"; flow:to_client,established; content:"HTTP/1.1 200"; depth:12; sid:11; rev:1;)
      alert tcp any any -> any any (msg:"html served"; flow:to_client,established; content:"text/html"; nocase; sid:12; rev:1;)
      """;

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void topology() throws Exception {
    RunInlineIT.assumeRoot("live capture test", "ip", "python3", "curl");
    down();
    String up =
        String.join(
            " && ",
            "ip netns add " + NS + "c",
            "ip netns add " + NS + "s",
            "ip -n " + NS + "c link set lo up",
            "ip -n " + NS + "s link set lo up",
            "ip link add c0 netns " + NS + "c type veth peer name s0 netns " + NS + "s",
            "ip -n " + NS + "c link set c0 mtu 9000",
            "ip -n " + NS + "s link set s0 mtu 9000",
            "ip -n " + NS + "c addr add 10.233.1.1/24 dev c0",
            "ip -n " + NS + "s addr add " + SERVER + "/24 dev s0",
            "ip -n " + NS + "c link set c0 up",
            "ip -n " + NS + "s link set s0 up");
    RunInlineIT.Result r = RunInlineIT.exec(List.of("sh", "-c", up), 20);
    if (r.code() != 0) {
      down();
      assumeTrue(false, "cannot make network namespaces (ip netns): " + r.out());
    }
  }

  @AfterEach
  void down() throws Exception {
    RunInlineIT.teardown(started, NS + "c", NS + "s");
  }

  private void server() throws Exception {
    Path web = Files.createDirectories(dir.resolve("web"));
    Files.writeString(web.resolve("index.html"), "<html>hello</html>\n");
    started.add(
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                NS + "s",
                "python3",
                "-m",
                "http.server",
                "8080",
                "--bind",
                SERVER,
                "--directory",
                web.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.out").toFile())
            .start());
  }

  /** Starts Vigil on s0 with {@code extra} arguments; returns once its sockets are open. */
  private Process vigil(Path logs, Path out, String... extra) throws Exception {
    return vigil(List.of(), logs, out, extra);
  }

  /** As {@link #vigil(Path, Path, String...)}, bin/vigil started by {@code launcher}. */
  private Process vigil(List<String> launcher, Path logs, Path out, String... extra)
      throws Exception {
    Path rules = dir.resolve("live.rules");
    Files.writeString(rules, RULES);
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", NS + "s"));
    cmd.addAll(launcher);
    cmd.addAll(
        List.of(
            ROOT.resolve("bin/vigil").toString(),
            "run",
            "-i",
            "s0",
            "-S",
            rules.toString(),
            "-l",
            logs.toString()));
    cmd.addAll(List.of(extra));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    started.add(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.readString(out).contains("capturing on s0")) {
      assertTrue(p.isAlive(), "vigil exited: " + Files.readString(out));
      assertTrue(System.nanoTime() < deadline, "vigil did not start: " + Files.readString(out));
      Thread.sleep(100);
    }
    return p;
  }

  private void requests(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      RunInlineIT.Result r =
          RunInlineIT.exec(
              List.of(
                  "ip",
                  "netns",
                  "exec",
                  NS + "c",
                  "curl",
                  "-s",
                  "-m",
                  "5",
                  "http://" + SERVER + ":8080/index.html"),
              10);
      assertTrue(r.out().contains("hello"), "request " + i + ": " + r.out());
    }
  }

  /** Sends {@code n} UDP datagrams "probe" from the client to port 9999 of the server. */
  private static void probes(int n) throws Exception {
    RunInlineIT.Result r =
        RunInlineIT.exec(
            List.of(
                "ip",
                "netns",
                "exec",
                NS + "c",
                "python3",
                "-c",
                "import socket\nfor i in range("
                    + n
                    + "):\n"
                    + "  socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'probe', ('"
                    + SERVER
                    + "', 9999))"),
            10);
    assertEquals(0, r.code(), r.out());
  }

  private static int stop(Process vigil, Path out) throws Exception {
    RunInlineIT.exec(List.of("kill", "-TERM", Long.toString(vigil.pid())), 5);
    assertTrue(vigil.waitFor(30, TimeUnit.SECONDS), "vigil did not stop on SIGTERM");
    return vigil.exitValue();
  }

  private static final Pattern ALERT =
      Pattern.compile(
          "\"src_ip\":\"([^\"]+)\",\"src_port\":(\\d+),\"dest_ip\":\"([^\"]+)\",\"dest_port\":(\\d+).*\"signature_id\":(\\d+)");

  /** sid and flow of every alert of eve.json, sorted ("sid src:port > dst:port"). */
  private static List<String> alerts(Path logs) throws Exception {
    return alerts(logs, "eve.json");
  }

  private static List<String> alerts(Path logs, String file) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve(file), StandardCharsets.UTF_8)) {
      if (line.contains("\"event_type\":\"alert\"")) {
        Matcher m = ALERT.matcher(line);
        assertTrue(m.find(), line);
        out.add(
            m.group(5)
                + " "
                + m.group(1)
                + ":"
                + m.group(2)
                + " > "
                + m.group(3)
                + ":"
                + m.group(4));
      }
    }
    out.sort(null);
    return out;
  }

  /** The first number named {@code key} in the final stats (the totals come before the threads). */
  private static long stat(Path logs, String key) throws Exception {
    Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(lastStats(logs));
    assertTrue(m.find(), key + " in stats.json");
    return Long.parseLong(m.group(1));
  }

  /** The final record of stats.json (periodic ones come before it). */
  private static String lastStats(Path logs) throws Exception {
    List<String> lines = Files.readAllLines(logs.resolve("stats.json"), StandardCharsets.UTF_8);
    return lines.get(lines.size() - 1);
  }

  /** Packets of each worker thread in stats.json. */
  private static List<Long> threadPackets(Path logs) throws Exception {
    Matcher m = Pattern.compile("\"W#\\d+\":\\{\"packets\":(\\d+)").matcher(lastStats(logs));
    List<Long> out = new ArrayList<>();
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }

  private static long count(List<String> alerts, String sid) {
    return alerts.stream().filter(a -> a.startsWith(sid + " ")).count();
  }

  @Test
  void singleThreadAlertsOnRealRequestsAndSurvivesLinkDownUp() throws Exception {
    server();
    Path logs = dir.resolve("single");
    Path out = dir.resolve("single.out");
    Path pid = dir.resolve("vigil.pid");
    Process vigil = vigil(logs, out, "--pidfile", pid.toString());
    assertEquals(
        Long.toString(vigil.descendants().findFirst().map(ProcessHandle::pid).orElse(vigil.pid())),
        Files.readString(pid).trim(),
        "the pid file holds vigil's process id");
    requests(3);
    probes(2);
    // logrotate: the file is moved, SIGHUP makes Vigil write a new one
    Thread.sleep(500);
    Files.move(logs.resolve("eve.json"), logs.resolve("eve.json.1"));
    RunInlineIT.exec(List.of("kill", "-HUP", Long.toString(vigil.pid())), 5);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.readString(out).contains("log files reopened")) {
      assertTrue(System.nanoTime() < deadline, "no reopen: " + Files.readString(out));
      Thread.sleep(100);
    }
    RunInlineIT.exec(List.of("ip", "-n", NS + "s", "link", "set", "s0", "down"), 5);
    Thread.sleep(500);
    RunInlineIT.exec(List.of("ip", "-n", NS + "s", "link", "set", "s0", "up"), 5);
    Thread.sleep(2500);
    requests(1);
    Thread.sleep(300);
    assertEquals(0, stop(vigil, out), Files.readString(out));
    String text = Files.readString(out);
    assertTrue(text.contains("interface s0 is down"), text);
    assertTrue(text.contains("interface s0 is up again"), text);
    assertTrue(text.matches("(?s).*kernel: \\d+ packets, 0 drops.*"), text);
    assertTrue(Files.notExists(pid), "the pid file is removed at exit");
    List<String> rotated = alerts(logs, "eve.json.1");
    assertEquals(3, count(rotated, "1"), "the alerts before SIGHUP in the moved file:\n" + rotated);
    List<String> a = new ArrayList<>(alerts(logs));
    assertEquals(1, count(a, "1"), "the alert after SIGHUP in a new eve.json:\n" + a);
    a.addAll(rotated);
    assertEquals(4, count(a, "1"), "one index alert per request:\n" + a);
    assertEquals(4, count(a, "2"), "one body alert per answer:\n" + a);
    assertEquals(2, count(a, "3"), "the UDP probes:\n" + a);
    assertTrue(stat(logs, "kernel_packets") >= 40, Files.readString(logs.resolve("stats.json")));
    assertEquals(0, stat(logs, "kernel_drops"));
  }

  @Test
  void workersInAFanoutGroupWithACommandLineFilter() throws Exception {
    server();
    Path logs = dir.resolve("workers");
    Path out = dir.resolve("workers.out");
    // the worker count comes from the interface's af-packet entry (as Suricata's threads), over
    // threading.threads
    Path yaml = dir.resolve("afp.yaml");
    Files.writeString(yaml, "af-packet:\n  - interface: s0\n    threads: 2\n");
    // started as nohup starts it, SIGHUP ignored (inherited by the JVM): it still reopens the logs
    Process vigil =
        vigil(
            List.of("env", "--ignore-signal=HUP"),
            logs,
            out,
            "--runmode",
            "workers",
            "-c",
            yaml.toString(),
            "--set",
            "threading.threads=1",
            "tcp",
            "port",
            "8080");
    assertTrue(Files.readString(out).contains("(workers, 2 threads)"), Files.readString(out));
    requests(8);
    probes(3);
    Thread.sleep(300);
    Files.move(logs.resolve("eve.json"), logs.resolve("eve.json.1"));
    RunInlineIT.exec(List.of("kill", "-HUP", Long.toString(vigil.pid())), 5);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.readString(out).contains("log files reopened")) {
      assertTrue(System.nanoTime() < deadline, "no reopen: " + Files.readString(out));
      Thread.sleep(100);
    }
    assertEquals(0, stop(vigil, out), Files.readString(out));
    List<String> a = new ArrayList<>(alerts(logs, "eve.json.1"));
    a.addAll(alerts(logs));
    assertEquals(8, count(a, "1"), "one index alert per request:\n" + a);
    assertEquals(
        8, count(a, "2"), "one body alert per answer (both directions on one worker):\n" + a);
    assertEquals(0, count(a, "3"), "the filter keeps the UDP probes out:\n" + a);
    String json = Files.readString(logs.resolve("stats.json"));
    assertEquals(0, stat(logs, "udp"), "no UDP decoded: " + json);
    assertEquals(
        stat(logs, "tcp"), stat(logs, "kernel_packets"), "the kernel counts what passed: " + json);
    List<Long> threads = threadPackets(logs);
    assertEquals(2, threads.size(), json);
    assertTrue(threads.stream().allMatch(n -> n > 0), "each worker gets flows: " + threads);
  }

  @Test
  void replayedCapturesRaiseTheAlertsOfTheFiles() throws Exception {
    assumeTrue(
        RunInlineIT.exec(List.of("sh", "-c", "command -v tcpreplay"), 5).code() == 0,
        "tcpreplay not found (bin/setup installs it): replay test skipped");
    List<String> files =
        List.of(
            "get.pcap",
            "bro.org.pcap",
            "methods.pcap",
            "http-body-match.pcap",
            "flash-version.pcap");
    Path captures = Files.createDirectories(dir.resolve("captures"));
    for (String f : files) {
      assumeTrue(Files.exists(HTTP.resolve(f)), "corpus capture missing: " + HTTP.resolve(f));
      Files.copy(HTTP.resolve(f), captures.resolve(f));
    }
    Path rules = dir.resolve("live.rules");
    Files.writeString(rules, RULES);
    RunInlineIT.Result offline =
        RunInlineIT.exec(
            List.of(
                ROOT.resolve("bin/vigil").toString(),
                "run",
                "-r",
                captures.toString(),
                "-S",
                rules.toString(),
                "-l",
                dir.resolve("offline").toString()),
            120);
    assertEquals(0, offline.code(), offline.out());
    List<String> expected = alerts(dir.resolve("offline"));
    assertTrue(expected.size() > 20, "the captures raise alerts offline: " + expected);

    Path logs = dir.resolve("replay");
    Path out = dir.resolve("replay.out");
    Process vigil = vigil(logs, out, "--runmode", "workers", "--threads", "2");
    for (String f : files) {
      RunInlineIT.Result r =
          RunInlineIT.exec(
              List.of(
                  "ip",
                  "netns",
                  "exec",
                  NS + "c",
                  "tcpreplay",
                  "-q",
                  "-i",
                  "c0",
                  "--mbps",
                  "100",
                  captures.resolve(f).toString()),
              60);
      assertEquals(0, r.code(), "tcpreplay " + f + ": " + r.out());
    }
    Thread.sleep(500);
    assertEquals(0, stop(vigil, out), Files.readString(out));
    assertEquals(0, stat(logs, "kernel_drops"), "no kernel drops at 100 Mbit/s");
    List<String> live = alerts(logs);
    assertEquals(
        new TreeSet<>(expected), new TreeSet<>(live), "the same sid and flow alerts as run -r");
    assertEquals(expected, live, "as many of each");
  }

  @Test
  void warmUpSampleLeavesNoTraceAndStatsRunEverySecond() throws Exception {
    server();
    Path sample = Files.createDirectories(dir.resolve("sample"));
    for (String f : List.of("get.pcap", "methods.pcap", "http-body-match.pcap")) {
      assumeTrue(Files.exists(HTTP.resolve(f)), "corpus capture missing: " + HTTP.resolve(f));
      Files.copy(HTTP.resolve(f), sample.resolve(f));
    }
    // the stats tick every second from the start: the first one may come before the worker set up
    // its modules
    Path yaml = dir.resolve("stats.yaml");
    Files.writeString(yaml, "outputs:\n  - stats:\n      enabled: yes\n      interval: 1\n");
    Path logs = dir.resolve("warm");
    Path out = dir.resolve("warm.out");
    Process vigil = vigil(logs, out, "--warm-up", sample.toString(), "-c", yaml.toString());
    requests(2);
    Thread.sleep(1500);
    assertEquals(0, stop(vigil, out), Files.readString(out));
    String text = Files.readString(out);
    Matcher warmed = Pattern.compile("warmed up on (\\d+) packets of 3 captures").matcher(text);
    assertTrue(warmed.find(), text);
    assertTrue(Long.parseLong(warmed.group(1)) > 100, text);
    assertTrue(
        text.indexOf("warmed up on") < text.indexOf("capturing on s0"),
        "the warm-up ends before the sockets open: " + text);
    List<String> a = alerts(logs);
    assertEquals(2, count(a, "1"), "one index alert per live request:\n" + a);
    assertTrue(
        a.stream()
            .allMatch(x -> x.matches("\\d+ 10\\.233\\.1\\.\\d+:\\d+ > 10\\.233\\.1\\.\\d+:\\d+")),
        "only the live requests' alerts, none of the sample's:\n" + a);
    assertTrue(
        Files.readAllLines(logs.resolve("stats.json")).size() >= 2,
        "periodic stats and the final ones");
    assertEquals(0, stat(logs, "kernel_drops"));
    assertTrue(stat(logs, "pkts") < 200, "the decoder counts the live packets only");
  }

  @Test
  void withoutASampleTheBuiltInTrafficWarmsUpAndNoneSwitchesItOff() throws Exception {
    server();
    Path logs = dir.resolve("builtin");
    Path out = dir.resolve("builtin.out");
    Process vigil = vigil(logs, out);
    requests(2);
    Thread.sleep(1500);
    assertEquals(0, stop(vigil, out), Files.readString(out));
    String text = Files.readString(out);
    Matcher warmed =
        Pattern.compile("warmed up on (\\d+) packets of built-in traffic").matcher(text);
    assertTrue(warmed.find(), text);
    assertTrue(Long.parseLong(warmed.group(1)) > 10_000, text);
    assertTrue(
        text.indexOf("warmed up on") < text.indexOf("capturing on s0"),
        "the warm-up ends before the sockets open: " + text);
    // the built-in traffic asks for /index.html too: none of its alerts may reach the logs
    List<String> a = alerts(logs);
    assertEquals(2, count(a, "1"), "one index alert per live request:\n" + a);
    assertTrue(stat(logs, "pkts") < 200, "the decoder counts the live packets only");

    Path coldLogs = dir.resolve("cold");
    Path coldOut = dir.resolve("cold.out");
    Process cold = vigil(coldLogs, coldOut, "--warm-up", "none");
    requests(1);
    Thread.sleep(1500);
    assertEquals(0, stop(cold, coldOut), Files.readString(coldOut));
    assertFalse(Files.readString(coldOut).contains("warmed up"), Files.readString(coldOut));
    assertEquals(1, count(alerts(coldLogs), "1"), "" + alerts(coldLogs));
  }
}
