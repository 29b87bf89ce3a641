package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The counters of a running inline run: {@code vigil run -q} with {@code --unix-socket} in the
 * router namespace of the runtime's {@code nfq/topology.sh}, in the single layout (the queue's loop
 * on the main thread) and the workers layout (a queue thread and an output thread). While traffic
 * has passed and the run goes on, Suricata's {@code suricatasc -c dump-counters} answers with the
 * packets seen and the accepted verdicts, and stats.json gets periodic records holding them.
 * Skipped when not root or without ip/iptables/python3/suricatasc.
 */
class InlineCountersIT {
  static final String NAME = "a7q";
  static final int QUEUE = 2379;
  static final String SERVER = "10.231.2.2";

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void down() throws Exception {
    RunInlineIT.teardown(started, NAME + "c", NAME + "r", NAME + "s");
  }

  @Test
  void dumpCountersAndStatsRecordsDuringAnInlineRun() throws Exception {
    RunInlineIT.assumeRoot("inline counters test", "ip", "iptables", "python3", "suricatasc");
    RunInlineIT.topologyUp(NAME, QUEUE);
    Path web = Files.createDirectories(dir.resolve("web"));
    Files.writeString(web.resolve("index.html"), "hello\n");
    started.add(RunInlineIT.webServer(NAME + "s", web, dir.resolve("server.out")));
    Path rules =
        Files.writeString(
            dir.resolve("inline.rules"),
            "alert tcp any any -> any 8080 (msg:\"index\"; flow:to_server,established;"
                + " content:\"GET /index.html\"; sid:1003; rev:1;)\n");
    Path client = Files.writeString(dir.resolve("client.py"), RunInlineIT.CLIENT);
    for (String layout : List.of("single", "workers")) {
      countersWhileRunning(layout, rules, client);
    }
  }

  private void countersWhileRunning(String layout, Path rules, Path client) throws Exception {
    Path logs = dir.resolve("logs-" + layout);
    Path socket = dir.resolve(layout + ".socket");
    Path out = dir.resolve("vigil-" + layout + ".out");
    Process vigil =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                NAME + "r",
                RunInlineIT.ROOT.resolve("bin/vigil").toString(),
                "run",
                "-q",
                String.valueOf(QUEUE),
                "--warm-up", // InlineWarmUpIT tests the warm-up; here it would only delay
                "none",
                "--runmode",
                layout,
                "--unix-socket=" + socket,
                "-S",
                rules.toString(),
                "-l",
                logs.toString(),
                "--set",
                "outputs.stats.interval=1")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    started.add(vigil);
    String clean = "GET /index.html HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n";
    String first = RunInlineIT.awaitServed(vigil, out, () -> request(client, clean), 90);
    assertTrue(
        first.startsWith("HTTP/1.0 200"),
        layout + ": through vigil: " + first + "\n" + Files.readString(out));
    assertTrue(request(client, clean).startsWith("HTTP/1.0 200"), layout + ": second request");

    // the queue is idle now: the counters still come, with the packets of both requests
    RunInlineIT.Result counters =
        RunInlineIT.exec(List.of("suricatasc", "-c", "dump-counters", socket.toString()), 30);
    assertEquals(0, counters.code(), layout + ": " + counters.out());
    assertTrue(
        counters.out().contains("\"return\": \"OK\""),
        layout + ": dump-counters " + counters.out());
    assertTrue(
        number(counters.out(), "accepted") >= 10,
        layout + ": both requests' packets accepted, in dump-counters: " + counters.out());

    Path stats = logs.resolve("stats.json");
    long accepted = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (accepted < 10 && System.nanoTime() < deadline) {
      Thread.sleep(300);
      if (Files.exists(stats)) {
        List<String> lines = Files.readAllLines(stats);
        accepted = lines.isEmpty() ? -1 : number(lines.get(lines.size() - 1), "accepted");
      }
    }
    assertTrue(vigil.isAlive(), layout + ": still running: " + Files.readString(out));
    assertTrue(
        accepted >= 10,
        layout
            + ": a periodic stats record during the run holds the accepted packets: "
            + (Files.exists(stats) ? Files.readString(stats) : "no stats.json"));

    RunInlineIT.exec(List.of("kill", "-TERM", Long.toString(vigil.pid())), 5);
    assertTrue(vigil.waitFor(20, TimeUnit.SECONDS), layout + ": vigil did not stop on SIGTERM");
  }

  /** The first {@code "key": n} (or {@code "key":n}) in {@code json}, -1 if none. */
  private static long number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\\s*(\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private String request(Path client, String... parts) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of("ip", "netns", "exec", NAME + "c", "python3", client.toString(), SERVER));
    cmd.addAll(List.of(parts));
    String o = RunInlineIT.exec(cmd, 15).out().trim();
    int nl = o.lastIndexOf('\n');
    return nl < 0 ? o : o.substring(nl + 1);
  }
}
