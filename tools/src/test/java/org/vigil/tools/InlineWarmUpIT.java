package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  static final int QUEUE = 2391;
  static final String INDEX = InlineFixture.INDEX;

  @TempDir Path dir;
  private final InlineFixture net = new InlineFixture("a9w", QUEUE);

  @AfterEach
  void down() throws Exception {
    net.down();
  }

  @Test
  void inlineRunsWarmUpBeforeTheQueueIsBound() throws Exception {
    net.up("inline warm-up test", "ip", "iptables", "python3");
    net.serve(dir);
    // the built-in traffic requests /index.html and /phpmyadmin/ too: its alerts and drops must not
    // reach the run's outputs
    Path rules =
        Files.writeString(
            dir.resolve("inline.rules"),
            """
            drop tcp any any -> any any (msg:"admin"; flow:to_server,established; content:"/phpmyadmin/"; sid:1001; rev:1;)
            alert tcp any any -> any any (msg:"index"; flow:to_server,established; content:"GET /index.html"; sid:1003; rev:1;)
            """);

    // the default: built-in traffic
    Path logs = dir.resolve("logs-built-in");
    String out = run(logs, rules, List.of(), true);
    Matcher warmed =
        Pattern.compile("warmed up on (\\d+) packets of built-in traffic").matcher(out);
    assertTrue(warmed.find(), "the console says the run warmed up: " + out);
    long warmPackets = Long.parseLong(warmed.group(1));
    assertTrue(warmPackets > 1000, "the built-in traffic went through: " + out);
    assertTrue(
        out.indexOf("warmed up on") < out.indexOf("packets in"), "warm-up before the run: " + out);
    List<String> eve = Files.readAllLines(logs.resolve("eve.json"), StandardCharsets.UTF_8);
    assertEquals(
        2,
        InlineFixture.alerts(eve, 1003, null),
        "one alert per real index request, none of the warm-up's");
    assertEquals(
        1, InlineFixture.alerts(eve, 1001, null), "the real admin request's drop alert only");
    String stats = lastLine(logs.resolve("stats.json"));
    assertEquals(
        warmPackets,
        InlineFixture.number(stats, "warm_up\":\\s*\\{\"packets"),
        "stats.json counts the warm-up under warm_up: " + stats);
    Matcher runPackets = Pattern.compile("vigil: (\\d+) packets in").matcher(out);
    assertTrue(runPackets.find(), out);
    assertTrue(
        Long.parseLong(runPackets.group(1)) < 200,
        "the run counts its own packets only, not the warm-up's: " + out);

    // --warm-up none
    Path none = dir.resolve("logs-none");
    out = run(none, rules, List.of("--warm-up", "none"), false);
    assertFalse(out.contains("warmed up"), "no warm-up: " + out);
    assertFalse(lastLine(none.resolve("stats.json")).contains("warm_up"), "no warm_up counters");
    assertEquals(
        2,
        InlineFixture.alerts(
            Files.readAllLines(none.resolve("eve.json"), StandardCharsets.UTF_8), 1003, null));

    // a sample that is no capture: named, and the run goes on
    Path notCapture = Files.writeString(dir.resolve("notes.pcap"), "not a capture\n");
    Path bad = dir.resolve("logs-bad");
    out = run(bad, rules, List.of("--warm-up", notCapture.toString()), false);
    assertTrue(out.contains("notes.pcap"), "the unreadable sample is named: " + out);
    assertTrue(out.contains("1 not readable as captures"), out);
    assertEquals(
        2,
        InlineFixture.alerts(
            Files.readAllLines(bad.resolve("eve.json"), StandardCharsets.UTF_8), 1003, null));
  }

  /**
   * {@code vigil run} on the queue with {@code rules}, logging to {@code logs}, then {@code extra}.
   */
  private static List<String> runArgs(Path logs, Path rules, List<String> extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run", "-q", String.valueOf(QUEUE), "-S", rules.toString(), "-l", logs.toString()));
    args.addAll(extra);
    return args;
  }

  /**
   * One inline run with {@code extra} options: two index requests served (and, with {@code admin},
   * an admin request dropped), then SIGTERM; returns its console.
   */
  private String run(Path logs, Path rules, List<String> extra, boolean admin) throws Exception {
    Path out = logs.resolveSibling(logs.getFileName() + ".out");
    Process vigil = net.vigil(out, runArgs(logs, rules, extra));
    String first = RunInlineIT.awaitServed(vigil, out, () -> net.request(INDEX), 120);
    assertTrue(first.startsWith("HTTP/1.0 200"), "through vigil: " + first + Files.readString(out));
    assertTrue(net.request(INDEX).startsWith("HTTP/1.0 200"), "second request");
    if (admin) {
      assertEquals(
          "TIMEOUT",
          net.request("GET /phpmyadmin/ HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n"),
          "the admin request is dropped");
      RunInlineIT.Result second =
          RunInlineIT.exec(
              net.vigilCommand(runArgs(logs.resolveSibling("logs-second"), rules, List.of())), 120);
      assertEquals(2, second.code(), "a second vigil on the bound queue: " + second.out());
      assertTrue(second.out().contains("NFQUEUE " + QUEUE + " is already bound"), second.out());
      assertFalse(second.out().contains("warmed up"), "fails before its warm-up: " + second.out());
    }
    net.stop(vigil, 30, "warm-up run");
    return Files.readString(out);
  }

  private static String lastLine(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}
