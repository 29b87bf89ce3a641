package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The warm-up of an inline run: {@code vigil run -q} in the router namespace of the runtime's
 * {@code nfq/topology.sh} first runs the built-in synthetic traffic (whose HTTP requests match the
 * test's rules) through a throwaway chain, says so and counts it under {@code warm_up} in
 * stats.json, and then gives the real requests their verdicts and alerts, none of the warm-up's;
 * {@code --warm-up none} runs nothing; a sample that is no capture is named and the run goes on; a
 * run whose queue another process holds fails before its warm-up. Skipped when not root or without
 * ip/iptables/python3.
 */
class InlineWarmUpIT {
  static final String NAME = "a9w";
  static final int QUEUE = 2391;
  static final String SERVER = "10.231.2.2";
  static final String INDEX = "GET /index.html HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n";

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void down() throws Exception {
    RunInlineIT.teardown(started, NAME + "c", NAME + "r", NAME + "s");
  }

  @Test
  void inlineRunsWarmUpBeforeTheQueueIsBound() throws Exception {
    RunInlineIT.assumeRoot("inline warm-up test", "ip", "iptables", "python3");
    RunInlineIT.topologyUp(NAME, QUEUE);
    Path web = Files.createDirectories(dir.resolve("web"));
    Files.writeString(web.resolve("index.html"), "hello\n");
    started.add(RunInlineIT.webServer(NAME + "s", web, dir.resolve("server.out")));
    // the built-in traffic requests /index.html and /phpmyadmin/ too: its alerts and drops must not
    // reach the run's outputs
    Path rules =
        Files.writeString(
            dir.resolve("inline.rules"),
            """
            drop tcp any any -> any any (msg:"admin"; flow:to_server,established; content:"/phpmyadmin/"; sid:1001; rev:1;)
            alert tcp any any -> any any (msg:"index"; flow:to_server,established; content:"GET /index.html"; sid:1003; rev:1;)
            """);
    Path client = Files.writeString(dir.resolve("client.py"), RunInlineIT.CLIENT);

    // the default: built-in traffic
    Path logs = dir.resolve("logs-built-in");
    String out = run(logs, rules, client, List.of(), true);
    Matcher warmed =
        Pattern.compile("warmed up on (\\d+) packets of built-in traffic").matcher(out);
    assertTrue(warmed.find(), "the console says the run warmed up: " + out);
    long warmPackets = Long.parseLong(warmed.group(1));
    assertTrue(warmPackets > 1000, "the built-in traffic went through: " + out);
    assertTrue(
        out.indexOf("warmed up on") < out.indexOf("packets in"), "warm-up before the run: " + out);
    List<String> eve = Files.readAllLines(logs.resolve("eve.json"), StandardCharsets.UTF_8);
    assertEquals(2, alerts(eve, 1003), "one alert per real index request, none of the warm-up's");
    assertEquals(1, alerts(eve, 1001), "the real admin request's drop alert only");
    String stats = lastLine(logs.resolve("stats.json"));
    assertEquals(
        warmPackets,
        number(stats, "warm_up\":\\s*\\{\"packets"),
        "stats.json counts the warm-up under warm_up: " + stats);
    Matcher runPackets = Pattern.compile("vigil: (\\d+) packets in").matcher(out);
    assertTrue(runPackets.find(), out);
    assertTrue(
        Long.parseLong(runPackets.group(1)) < 200,
        "the run counts its own packets only, not the warm-up's: " + out);

    // --warm-up none
    Path none = dir.resolve("logs-none");
    out = run(none, rules, client, List.of("--warm-up", "none"), false);
    assertFalse(out.contains("warmed up"), "no warm-up: " + out);
    assertFalse(lastLine(none.resolve("stats.json")).contains("warm_up"), "no warm_up counters");
    assertEquals(
        2, alerts(Files.readAllLines(none.resolve("eve.json"), StandardCharsets.UTF_8), 1003));

    // a sample that is no capture: named, and the run goes on
    Path notCapture = Files.writeString(dir.resolve("notes.pcap"), "not a capture\n");
    Path bad = dir.resolve("logs-bad");
    out = run(bad, rules, client, List.of("--warm-up", notCapture.toString()), false);
    assertTrue(out.contains("notes.pcap"), "the unreadable sample is named: " + out);
    assertTrue(out.contains("1 not readable as captures"), out);
    assertEquals(
        2, alerts(Files.readAllLines(bad.resolve("eve.json"), StandardCharsets.UTF_8), 1003));
  }

  /**
   * One inline run with {@code extra} options: two index requests served (and, with {@code admin},
   * an admin request dropped), then SIGTERM; returns its console.
   */
  private String run(Path logs, Path rules, Path client, List<String> extra, boolean admin)
      throws Exception {
    Path out = logs.resolveSibling(logs.getFileName() + ".out");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                NAME + "r",
                RunInlineIT.ROOT.resolve("bin/vigil").toString(),
                "run",
                "-q",
                String.valueOf(QUEUE),
                "-S",
                rules.toString(),
                "-l",
                logs.toString()));
    cmd.addAll(extra);
    Process vigil =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    started.add(vigil);
    String first = RunInlineIT.awaitServed(vigil, out, () -> request(client, INDEX), 120);
    assertTrue(first.startsWith("HTTP/1.0 200"), "through vigil: " + first + Files.readString(out));
    assertTrue(request(client, INDEX).startsWith("HTTP/1.0 200"), "second request");
    if (admin) {
      assertEquals(
          "TIMEOUT",
          request(client, "GET /phpmyadmin/ HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n"),
          "the admin request is dropped");
    }
    if (admin) {
      RunInlineIT.Result second =
          RunInlineIT.exec(
              List.of(
                  "ip",
                  "netns",
                  "exec",
                  NAME + "r",
                  RunInlineIT.ROOT.resolve("bin/vigil").toString(),
                  "run",
                  "-q",
                  String.valueOf(QUEUE),
                  "-S",
                  rules.toString(),
                  "-l",
                  logs.resolveSibling("logs-second").toString()),
              120);
      assertEquals(2, second.code(), "a second vigil on the bound queue: " + second.out());
      assertTrue(second.out().contains("NFQUEUE " + QUEUE + " is already bound"), second.out());
      assertFalse(second.out().contains("warmed up"), "fails before its warm-up: " + second.out());
    }
    RunInlineIT.exec(List.of("kill", "-TERM", Long.toString(vigil.pid())), 5);
    assertTrue(vigil.waitFor(30, TimeUnit.SECONDS), "vigil did not stop on SIGTERM");
    started.remove(vigil);
    return Files.readString(out);
  }

  /** The alerts of {@code sid} in {@code eve}. */
  private static long alerts(List<String> eve, int sid) {
    return eve.stream()
        .filter(
            l -> l.contains("\"event_type\":\"alert\"") && l.contains("\"signature_id\":" + sid))
        .count();
  }

  private static String lastLine(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** The number after {@code keyPattern}'s {@code ":"} in {@code json}, -1 if none. */
  private static long number(String json, String keyPattern) {
    Matcher m = Pattern.compile("\"" + keyPattern + "\":\\s*(\\d+)").matcher(json);
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
