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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGUSR2 reloads the rules of a live capture ({@code bin/vigil run -i} on a veth link between two
 * network namespaces) while a TCP connection is open: the connection's flowbit set before the
 * reload is seen after it by the new rules (which number it differently and never set it), a rule
 * the reload removed no longer alerts and one it added does, the kernel drops no packet, the flow
 * stays one session, and the swap's pause is logged. Skipped when not root or without ip/python3.
 */
class LiveReloadIT {
  static final Path ROOT = RunInlineIT.ROOT;
  static final String NS = "vgrld";
  static final String SERVER = "10.234.1.2";

  // dsize makes packet rules, inspected on each data packet as it comes (the raw stream chunks of
  // a few bytes wait for the flow's end, where the new rules would see the old data again)
  static final String OLD =
      """
      alert tcp any any -> any 7000 (msg:"one sets seen"; flow:to_server,established; content:"hello one"; depth:9; dsize:10; flowbits:set,seen; sid:1;)
      alert tcp any any -> any 7000 (msg:"hello, old rule"; flow:to_server,established; content:"hello"; depth:5; dsize:10; sid:2;)
      """;

  static final String NEW =
      """
      alert tcp any any -> any 7000 (msg:"a bit named before seen"; content:"never sent"; depth:10; flowbits:set,aaa; sid:5;)
      alert tcp any any -> any 7000 (msg:"two after one"; flow:to_server,established; content:"hello two"; depth:9; dsize:10; flowbits:isset,seen; sid:3;)
      alert tcp any any -> any 7000 (msg:"hello, new rule"; flow:to_server,established; content:"hello"; depth:5; dsize:10; sid:4;)
      """;

  /** The client: one connection, "hello one", then waits for the go file, then "hello two". */
  static final String CLIENT =
      """
      import os, socket, sys, time
      s = socket.create_connection(('%s', 7000), timeout=20)
      s.sendall(b'hello one\\n'); s.recv(100)
      print('sent one', flush=True)
      while not os.path.exists(sys.argv[1]): time.sleep(0.05)
      s.sendall(b'hello two\\n'); s.recv(100)
      time.sleep(0.3); s.close(); print('sent two', flush=True)
      """
          .formatted(SERVER);

  static final String SERVER_SCRIPT =
      """
      import socket
      l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
      l.bind(('%s', 7000)); l.listen(1)
      c, _ = l.accept()
      while True:
          d = c.recv(100)
          if not d: break
          c.sendall(b'ok ' + d)
      """
          .formatted(SERVER);

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void topology() throws Exception {
    RunInlineIT.assumeRoot("live reload test", "ip", "python3");
    down();
    String up =
        String.join(
            " && ",
            "ip netns add " + NS + "c",
            "ip netns add " + NS + "s",
            "ip link add c0 netns " + NS + "c type veth peer name s0 netns " + NS + "s",
            "ip -n " + NS + "c addr add 10.234.1.1/24 dev c0",
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

  private Process start(Path out, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    started.add(p);
    return p;
  }

  private static void waitFor(Path out, String text, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.readString(out).contains(text)) {
      assertTrue(
          p.isAlive() || Files.readString(out).contains(text), "ended: " + Files.readString(out));
      assertTrue(System.nanoTime() < deadline, "no '" + text + "': " + Files.readString(out));
      Thread.sleep(50);
    }
  }

  @Test
  void sigusr2SwapsTheRulesOfALiveRunKeepingTheOpenConnectionsFlowbits() throws Exception {
    Path rules = dir.resolve("live.rules");
    Files.writeString(rules, OLD);
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path vigilOut = dir.resolve("vigil.out");
    Path serverPy = dir.resolve("server.py");
    Files.writeString(serverPy, SERVER_SCRIPT);
    Path clientPy = dir.resolve("client.py");
    Files.writeString(clientPy, CLIENT);
    Path go = dir.resolve("go");
    Process server =
        start(
            dir.resolve("server.out"),
            "ip",
            "netns",
            "exec",
            NS + "s",
            "python3",
            serverPy.toString());
    Process vigil =
        start(
            vigilOut,
            "ip",
            "netns",
            "exec",
            NS + "s",
            ROOT.resolve("bin/vigil").toString(),
            "run",
            "-i",
            "s0",
            "-S",
            rules.toString(),
            "-l",
            logs.toString());
    waitFor(vigilOut, "capturing on s0", vigil);
    Thread.sleep(300); // the server listens
    Path clientOut = dir.resolve("client.out");
    Process client =
        start(
            clientOut,
            "ip",
            "netns",
            "exec",
            NS + "c",
            "python3",
            clientPy.toString(),
            go.toString());
    waitFor(clientOut, "sent one", client);
    Thread.sleep(300); // the ACK of "hello one" reached Vigil: its stream data is inspected
    Files.writeString(rules, NEW);
    RunInlineIT.exec(List.of("kill", "-USR2", Long.toString(vigil.pid())), 5);
    waitFor(vigilOut, "swapping them in between packets", vigil);
    Files.writeString(go, "");
    waitFor(clientOut, "sent two", client);
    waitFor(vigilOut, "rule reload 1: 3 rules in place on 1 detect thread", vigil);
    Thread.sleep(500);
    RunInlineIT.exec(List.of("kill", "-TERM", Long.toString(vigil.pid())), 5);
    assertTrue(vigil.waitFor(30, TimeUnit.SECONDS), "vigil did not stop");
    server.destroyForcibly();
    String said = Files.readString(vigilOut);
    assertEquals(0, vigil.exitValue(), said);
    assertTrue(said.matches("(?s).*longest pause of a packet path: \\d+ us.*"), said);

    List<String> eve = Files.readAllLines(logs.resolve("eve.json"), StandardCharsets.UTF_8);
    assertEquals(1, sid(eve, 1), "sid 1 on 'hello one': " + eve);
    assertEquals(1, sid(eve, 2), "the removed rule alerted only before the reload: " + eve);
    assertEquals(1, sid(eve, 3), "the flowbit set before the reload is seen after it: " + eve);
    assertEquals(1, sid(eve, 4), "the added rule alerts after the reload: " + eve);
    List<String> records = Files.readAllLines(logs.resolve("stats.json"), StandardCharsets.UTF_8);
    String stats = records.get(records.size() - 1);
    assertEquals(0, number(stats, "kernel_drops"), stats);
    assertEquals(1, number(stats, "reloads"), stats);
    assertTrue(number(stats, "kernel_packets") > 0, stats);
  }

  private static long sid(List<String> eve, int sid) {
    return eve.stream()
        .filter(
            l ->
                l.contains("\"event_type\":\"alert\"")
                    && l.contains("\"signature_id\":" + sid + ","))
        .count();
  }

  private static long number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
    assertTrue(m.find(), key + " in " + json);
    return Long.parseLong(m.group(1));
  }
}
