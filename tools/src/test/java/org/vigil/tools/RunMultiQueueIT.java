package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/vigil run -q 2331:2332 --runmode workers} inline in the router namespace of the
 * runtime's {@code nfq/topology.sh}, whose FORWARD rule spreads flows over the two queues with
 * {@code --queue-balance} (a hash of the address pair). Sixteen client addresses each send, at the
 * same time, a clean request (answered), a drop rule's pattern split over two segments (no answer)
 * and a reject rule's pattern (reset); stats.json then shows both queues took flows, accepted,
 * blocked and rejected packets, so every verdict works on every queue. With a rule per direction
 * (each flow split over the two queues) vigil warns. Finally, with {@code --queue-bypass}, traffic
 * still flows after vigil is killed. Skipped when not root or without ip/iptables/python3.
 */
class RunMultiQueueIT {
  static final String NAME = "vgmq";
  static final int FIRST = 2331;
  static final int LAST = 2332;
  static final int CLIENTS = 16;

  /**
   * From each of the client addresses 10.231.1.10.. at once: sends the request in its parts
   * (TCP_NODELAY, 300 ms apart) and prints "address answer" (the status line, TIMEOUT or RESET).
   */
  static final String CLIENTS_PY =
      """
      import socket, sys, threading, time
      server, n, parts = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
      out = {}
      def one(addr):
          try:
              s = socket.create_connection((server, 8080), timeout=2.5, source_address=(addr, 0))
              s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
              for i, part in enumerate(parts):
                  if i: time.sleep(0.3)
                  s.sendall(part.encode().decode('unicode_escape').encode())
              data = s.recv(4096)
              out[addr] = data.split(b'\\r\\n')[0].decode() if data else 'CLOSED'
          except socket.timeout:
              out[addr] = 'TIMEOUT'
          except ConnectionResetError:
              out[addr] = 'RESET'
          except OSError as e:
              out[addr] = 'ERROR ' + str(e)
      ts = [threading.Thread(target=one, args=('10.231.1.%d' % (10 + i),)) for i in range(n)]
      [t.start() for t in ts]
      [t.join() for t in ts]
      for a in sorted(out):
          print(a, out[a])
      """;

  @TempDir Path dir;
  private final InlineFixture net = new InlineFixture(NAME, FIRST);

  @Test
  void everyQueueGivesEveryVerdictAndFailsOpenWhenKilled() throws Exception {
    net.up("inline test", "ip", "iptables", "python3");
    Path topology = RunInlineIT.TOPOLOGY;
    try {
      assertEquals(
          0,
          RunInlineIT.exec(
                  List.of(
                      "bash", topology.toString(), "clients", net.name(), String.valueOf(CLIENTS)),
                  10)
              .code());
      balance(topology, false);
      net.serve(dir, "clients.py", CLIENTS_PY);
      Path rules = dir.resolve("inline.rules");
      Files.writeString(
          rules,
          """
          drop tcp any any -> any 8080 (msg:"evil request"; flow:to_server,established; content:"EVILPATTERN"; sid:1001; rev:1;)
          reject tcp any any -> any 8080 (msg:"rejected request"; flow:to_server,established; content:"REJECTME"; sid:1002; rev:1;)
          """);
      Path logs = dir.resolve("logs");
      Process vigil = startVigil(rules, logs, "vigil.out");

      String clean = InlineFixture.INDEX;
      Map<String, String> answers = Map.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      while (!allStartWith(answers, "HTTP/1.0 200") && System.nanoTime() < deadline) {
        assertTrue(vigil.isAlive(), "vigil exited: " + Files.readString(dir.resolve("vigil.out")));
        answers = requests(clean);
      }
      assertTrue(
          allStartWith(answers, "HTTP/1.0 200"),
          "clean requests from every client through both queues: "
              + answers
              + "\n"
              + Files.readString(dir.resolve("vigil.out")));
      Map<String, String> split =
          requests("GET /EVILPAT", "TERN HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n");
      assertTrue(
          allStartWith(split, "TIMEOUT"),
          "the drop pattern split over two segments is dropped for every client: " + split);
      Map<String, String> reset = requests("GET /REJECTME HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n");
      assertTrue(allStartWith(reset, "RESET"), "the reject pattern resets every client: " + reset);

      net.stop(vigil, 20, "workers run");
      String out = Files.readString(dir.resolve("vigil.out"));
      assertTrue(out.contains("inline on NFQUEUEs 2331, 2332 (one worker thread per queue)"), out);
      String stats = lastStats(logs);
      long blockedSum = 0;
      for (int q = FIRST; q <= LAST; q++) {
        String s = group(stats, "\"nfq\":\\{.*?\"" + q + "\":\\{([^}]*)}");
        String where = "queue " + q + ": " + s + "\n" + stats + "\n" + out;
        assertTrue(counter(s, "flows") > 0, "flows on " + where);
        assertTrue(counter(s, "accepted") > 0, "accepted on " + where);
        assertTrue(counter(s, "blocked") > 0, "blocked on " + where);
        assertTrue(counter(s, "rejected") > 0, "rejected on " + where);
        assertEquals(0, counter(s, "fail_verdicts"), where);
        blockedSum += counter(s, "blocked");
      }
      String ips = group(stats, "\"ips\":\\{([^}]*)}");
      assertEquals(blockedSum, counter(ips, "blocked"), "ips.blocked sums the queues: " + ips);
      assertEquals(CLIENTS, counter(ips, "rule_rejects"), "one reject per client: " + ips);
      assertEquals(0, counter(ips, "split_flows"), "--queue-balance keeps flows whole: " + ips);
      List<String> eve = Files.readAllLines(logs.resolve("eve.json"), StandardCharsets.UTF_8);
      long blocked1001 = InlineFixture.alerts(eve, 1001, "blocked");
      assertEquals(CLIENTS, blocked1001, "one blocked alert per client (split pattern)");

      // fail-open: with --queue-bypass, traffic flows on while vigil is dead (killed, no clean-up)
      balance(topology, true);
      Process second = startVigil(rules, dir.resolve("logs2"), "vigil2.out");
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      while (!Files.readString(dir.resolve("vigil2.out")).contains("inline on")
          && System.nanoTime() < deadline) {
        assertTrue(second.isAlive(), Files.readString(dir.resolve("vigil2.out")));
        Thread.sleep(100);
      }
      Thread.sleep(1000); // the queues are bound just after the line
      assertTrue(
          allStartWith(
              requests("GET /EVILPAT", "TERN HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n"), "TIMEOUT"),
          "the second vigil drops too");
      // a rule per direction splits every flow over the two queues: vigil says so
      RunInlineIT.Result splitRule =
          RunInlineIT.exec(
              List.of(
                  "bash",
                  topology.toString(),
                  "split",
                  net.name(),
                  String.valueOf(FIRST),
                  String.valueOf(LAST),
                  "1"),
              10);
      assertEquals(0, splitRule.code(), splitRule.out());
      Map<String, String> splitAnswers = requests(clean);
      assertTrue(
          allStartWith(splitAnswers, "HTTP/1.0 200"),
          "clean requests pass split queues: " + splitAnswers);
      String warned = Files.readString(dir.resolve("vigil2.out"));
      assertTrue(
          warned.contains("both see the flow ")
              // either direction may have started the flow on the queue that noticed
              && (warned.contains("10.231.2.2:8080 <-> 10.231.1.")
                  || warned.contains(" <-> 10.231.2.2:8080"))
              && warned.contains("the two directions of flows reach different queues"),
          "vigil warns that flows are split over queues:\n" + warned);
      RunInlineIT.exec(List.of("kill", "-KILL", Long.toString(second.pid())), 5);
      assertTrue(second.waitFor(10, TimeUnit.SECONDS), "vigil did not die on SIGKILL");
      Map<String, String> open = requests(clean);
      assertTrue(allStartWith(open, "HTTP/1.0 200"), "traffic flows with vigil killed: " + open);
    } finally {
      net.down();
    }
  }

  private void balance(Path topology, boolean bypass) throws Exception {
    RunInlineIT.Result r =
        RunInlineIT.exec(
            List.of(
                "bash",
                topology.toString(),
                "balance",
                net.name(),
                String.valueOf(FIRST),
                String.valueOf(LAST),
                bypass ? "1" : "0"),
            10);
    assertEquals(0, r.code(), "iptables --queue-balance: " + r.out());
  }

  private Process startVigil(Path rules, Path logs, String outName) throws Exception {
    return net.vigil(
        dir.resolve(outName),
        InlineFixture.inlineRun(
            FIRST + ":" + LAST,
            "--runmode",
            "workers",
            "-S",
            rules.toString(),
            "-l",
            logs.toString()));
  }

  /** Every client's answer to the request in {@code parts}, by client address. */
  private Map<String, String> requests(String... parts) throws Exception {
    List<String> args = new ArrayList<>(List.of(String.valueOf(CLIENTS)));
    args.addAll(List.of(parts));
    String out = net.client(20, args.toArray(String[]::new));
    Map<String, String> answers = new TreeMap<>();
    for (String line : out.strip().split("\n")) {
      int sp = line.indexOf(' ');
      if (line.startsWith("10.231.1.") && sp > 0) {
        answers.put(line.substring(0, sp), line.substring(sp + 1));
      }
    }
    return answers;
  }

  private static boolean allStartWith(Map<String, String> answers, String prefix) {
    return answers.size() == CLIENTS
        && answers.values().stream().allMatch(a -> a.startsWith(prefix));
  }

  /** The last record of stats.json (the final counters). */
  private static String lastStats(Path logs) throws Exception {
    List<String> lines = Files.readAllLines(logs.resolve("stats.json"), StandardCharsets.UTF_8);
    String last = "";
    for (String l : lines) {
      if (!l.isBlank()) last = l;
    }
    return last;
  }

  private static String group(String json, String regex) {
    Matcher m = Pattern.compile(regex).matcher(json);
    assertTrue(m.find(), regex + " in " + json);
    return m.group(1);
  }

  private static long counter(String fields, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(fields);
    assertTrue(m.find(), name + " in " + fields);
    return Long.parseLong(m.group(1));
  }
}
