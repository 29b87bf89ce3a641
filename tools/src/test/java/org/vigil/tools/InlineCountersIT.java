package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  static final int QUEUE = 2379;

  @TempDir Path dir;
  private final InlineFixture net = new InlineFixture("a7q", QUEUE);

  @AfterEach
  void down() throws Exception {
    net.down();
  }

  @Test
  void dumpCountersAndStatsRecordsDuringAnInlineRun() throws Exception {
    net.up("inline counters test", "ip", "iptables", "python3", "suricatasc");
    net.serve(dir);
    Path rules =
        Files.writeString(
            dir.resolve("inline.rules"),
            "alert tcp any any -> any 8080 (msg:\"index\"; flow:to_server,established;"
                + " content:\"GET /index.html\"; sid:1003; rev:1;)\n");
    for (String layout : List.of("single", "workers")) {
      countersWhileRunning(layout, rules);
    }
  }

  private void countersWhileRunning(String layout, Path rules) throws Exception {
    Path logs = dir.resolve("logs-" + layout);
    Path socket = dir.resolve(layout + ".socket");
    Path out = dir.resolve("vigil-" + layout + ".out");
    Process vigil =
        net.vigil(
            out,
            InlineFixture.inlineRun(
                String.valueOf(QUEUE),
                "--runmode",
                layout,
                "--unix-socket=" + socket,
                "-S",
                rules.toString(),
                "-l",
                logs.toString(),
                "--set",
                "outputs.stats.interval=1"));
    String clean = InlineFixture.INDEX;
    String first = RunInlineIT.awaitServed(vigil, out, () -> net.request(clean), 90);
    assertTrue(
        first.startsWith("HTTP/1.0 200"),
        layout + ": through vigil: " + first + "\n" + Files.readString(out));
    assertTrue(net.request(clean).startsWith("HTTP/1.0 200"), layout + ": second request");

    // the queue is idle now: the counters still come, with the packets of both requests
    RunInlineIT.Result counters =
        RunInlineIT.exec(List.of("suricatasc", "-c", "dump-counters", socket.toString()), 30);
    assertEquals(0, counters.code(), layout + ": " + counters.out());
    assertTrue(
        counters.out().contains("\"return\": \"OK\""),
        layout + ": dump-counters " + counters.out());
    assertTrue(
        InlineFixture.number(counters.out(), "accepted") >= 10,
        layout + ": both requests' packets accepted, in dump-counters: " + counters.out());

    Path stats = logs.resolve("stats.json");
    long accepted = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (accepted < 10 && System.nanoTime() < deadline) {
      Thread.sleep(300);
      if (Files.exists(stats)) {
        List<String> lines = Files.readAllLines(stats);
        accepted =
            lines.isEmpty() ? -1 : InlineFixture.number(lines.get(lines.size() - 1), "accepted");
      }
    }
    assertTrue(vigil.isAlive(), layout + ": still running: " + Files.readString(out));
    assertTrue(
        accepted >= 10,
        layout
            + ": a periodic stats record during the run holds the accepted packets: "
            + (Files.exists(stats) ? Files.readString(stats) : "no stats.json"));

    net.stop(vigil, 20, layout);
  }
}
