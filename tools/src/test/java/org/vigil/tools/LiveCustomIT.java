package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/vigil run -i --runmode custom} on a veth link between a client and an HTTP server
 * namespace: a custom layout with the ip-version router, one worker for IPv4 and one for IPv6,
 * captures live (each worker's sockets in a fanout group of its IP version): requests over IPv4 and
 * IPv6 each raise their alert once, and each worker saw only its version's packets. Skipped when
 * not root or without ip/python3/curl.
 */
class LiveCustomIT {
  static final Path ROOT = RunInlineIT.ROOT;
  static final String NS = "a7-lc";
  static final String SERVER = "10.237.1.2";
  static final String SERVER6 = "fd00:237:1::2";

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void down() throws Exception {
    RunInlineIT.teardown(started, NS + "c", NS + "s");
  }

  @Test
  void anIpVersionLayoutCapturesEachVersionOnItsOwnWorker() throws Exception {
    RunInlineIT.assumeRoot("live capture test", "ip", "python3", "curl");
    down();
    String c = NS + "c";
    String s = NS + "s";
    RunInlineIT.Result up =
        RunInlineIT.exec(
            List.of(
                "sh",
                "-c",
                String.join(
                    " && ",
                    "ip netns add " + c,
                    "ip netns add " + s,
                    "ip -n " + c + " link set lo up",
                    "ip -n " + s + " link set lo up",
                    "ip link add c0 netns " + c + " type veth peer name s0 netns " + s,
                    "ip -n " + c + " addr add 10.237.1.1/24 dev c0",
                    "ip -n " + s + " addr add " + SERVER + "/24 dev s0",
                    "ip -n " + c + " addr add fd00:237:1::1/64 dev c0 nodad",
                    "ip -n " + s + " addr add " + SERVER6 + "/64 dev s0 nodad",
                    "ip -n " + c + " link set c0 up",
                    "ip -n " + s + " link set s0 up")),
            20);
    if (up.code() != 0) {
      assumeTrue(false, "cannot make network namespaces (ip netns): " + up.out());
    }
    Path web = Files.createDirectories(dir.resolve("web"));
    Files.writeString(web.resolve("index.html"), "<html>hello</html>\n");
    // python's server on "::" takes IPv4 too (IPv4-mapped) on Linux
    started.add(
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                s,
                "python3",
                "-m",
                "http.server",
                "8080",
                "--bind",
                "::",
                "--directory",
                web.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.out").toFile())
            .start());
    Path rules =
        Files.writeString(
            dir.resolve("live.rules"),
            "alert tcp any any -> any 8080 (msg:\"index requested\"; flow:to_server,established;"
                + " content:\"/index.html\"; http_uri; sid:1; rev:1;)\n");
    Path yaml =
        Files.writeString(
            dir.resolve("custom.yaml"),
            """
            threading:
              router: ip-version
              workers:
                - {name: v4, ip-version: 4, modules: [flow, detect]}
                - {name: v6, ip-version: 6, modules: [flow, detect]}
            """);
    Path logs = dir.resolve("logs");
    Path out = dir.resolve("vigil.out");
    Process vigil =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                s,
                ROOT.resolve("bin/vigil").toString(),
                "run",
                "-i",
                "s0",
                "--runmode",
                "custom",
                "-c",
                yaml.toString(),
                "-S",
                rules.toString(),
                "-l",
                logs.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    started.add(vigil);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(out).contains("capturing on s0")) {
      assertTrue(vigil.isAlive(), "vigil exited: " + Files.readString(out));
      assertTrue(System.nanoTime() < deadline, "vigil did not start: " + Files.readString(out));
      Thread.sleep(100);
    }
    for (String url :
        List.of(
            "http://" + SERVER + ":8080/index.html",
            "http://[" + SERVER6 + "]:8080/index.html",
            "http://[" + SERVER6 + "]:8080/index.html")) {
      RunInlineIT.Result r =
          RunInlineIT.exec(
              List.of("ip", "netns", "exec", c, "curl", "-s", "-m", "5", "-g", url), 10);
      assertTrue(r.out().contains("hello"), url + ": " + r.out());
    }
    Thread.sleep(500);
    RunInlineIT.exec(List.of("kill", "-TERM", Long.toString(vigil.pid())), 5);
    assertTrue(vigil.waitFor(30, TimeUnit.SECONDS), "vigil did not stop on SIGTERM");
    assertEquals(0, vigil.exitValue(), Files.readString(out));
    List<String> eve = Files.readAllLines(logs.resolve("eve.json"), StandardCharsets.UTF_8);
    List<String> alerts = eve.stream().filter(l -> l.contains("\"event_type\":\"alert\"")).toList();
    String all = String.join("\n", eve) + "\n" + Files.readString(out);
    assertEquals(
        1,
        alerts.stream().filter(l -> l.contains("\"dest_ip\":\"" + SERVER + "\"")).count(),
        "the IPv4 request once:\n" + all);
    assertEquals(
        2,
        alerts.stream().filter(l -> l.contains("\"dest_ip\":\"fd00:0237:0001:")).count(),
        "each IPv6 request once:\n" + all);
    List<String> stats = Files.readAllLines(logs.resolve("stats.json"), StandardCharsets.UTF_8);
    String last = stats.get(stats.size() - 1);
    long v4 = threadPackets(last, "v4");
    long v6 = threadPackets(last, "v6");
    assertTrue(v4 >= 10 && v6 >= 20, "each worker captured its version: " + v4 + "/" + v6);
    assertTrue(last.contains("\"custom\""), "stats name the custom run mode: " + last);
  }

  private static long threadPackets(String stats, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\\{\"packets\":(\\d+)").matcher(stats);
    assertTrue(m.find(), name + " in " + stats);
    return Long.parseLong(m.group(1));
  }
}
