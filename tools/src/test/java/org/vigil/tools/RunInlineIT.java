package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/vigil run -q} inline in a router namespace between a client and an HTTP server (the
 * runtime's {@code nfq/topology.sh}): clean requests pass, a request carrying a {@code drop} rule's
 * pattern gets no answer and leaves a blocked alert and an EVE drop record, the same pattern split
 * over two TCP segments is still dropped, and a {@code reject} rule's pattern resets the client.
 * Skipped when not root or without ip/iptables/python3.
 */
class RunInlineIT {
  static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();
  static final Path TOPOLOGY = ROOT.resolve("runtime/src/test/resources/nfq/topology.sh");
  static final String NAME = "vgil";

  /**
   * Put before the network namespace names of the ITs that read it (LiveCaptureIT, PortscanIT and
   * those of {@link InlineFixture}), so that runs of the same IT from several checkouts on one
   * machine use their own namespaces.
   */
  static final String NS_PREFIX = System.getProperty("vigil.it.ns-prefix", "");

  static final int QUEUE = 2321;
  static final String SERVER = "10.231.2.2";

  /**
   * Sends the request in the given parts (TCP_NODELAY, 300 ms apart), prints the answer's status
   * line, TIMEOUT or RESET.
   */
  static final String CLIENT =
      """
      import socket, sys, time
      try:
          s = socket.create_connection((sys.argv[1], 8080), timeout=3)
          s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
          for i, part in enumerate(sys.argv[2:]):
              if i: time.sleep(0.3)
              s.sendall(part.encode().decode('unicode_escape').encode())
          data = s.recv(4096)
          print(data.split(b'\\r\\n')[0].decode() if data else 'CLOSED')
      except socket.timeout:
          print('TIMEOUT')
      except ConnectionResetError:
          print('RESET')
      """;

  @TempDir Path dir;

  @Test
  void dropsAndRejectsInFlight() throws Exception {
    InlineFixture net = new InlineFixture(NAME, QUEUE);
    net.up("inline test", "ip", "iptables", "python3");
    try {
      net.serve(dir);
      Path rules = dir.resolve("inline.rules");
      Files.writeString(
          rules,
          """
          drop tcp any any -> any 8080 (msg:"evil request"; flow:to_server,established; content:"EVILPATTERN"; sid:1001; rev:1;)
          reject tcp any any -> any 8080 (msg:"rejected request"; flow:to_server,established; content:"REJECTME"; sid:1002; rev:1;)
          pass tcp any any -> any 8080 (msg:"allowed despite the pattern"; flow:to_server,established; content:"ALLOWLISTED"; sid:1004; rev:1;)
          alert tcp any any -> any 8080 (msg:"index requested"; flow:to_server,established; content:"GET /index.html"; sid:1003; rev:1;)
          """);
      Path logs = dir.resolve("logs");
      Process vigil =
          net.vigil(
              dir.resolve("vigil.out"),
              InlineFixture.inlineRun(
                  String.valueOf(QUEUE), "-S", rules.toString(), "-l", logs.toString()));
      String clean = InlineFixture.INDEX;
      String first = awaitServed(vigil, dir.resolve("vigil.out"), () -> net.request(clean), 40);
      assertTrue(
          first.startsWith("HTTP/1.0 200"),
          "clean request through vigil: "
              + first
              + "\n"
              + Files.readString(dir.resolve("vigil.out")));
      assertTrue(net.request(clean).startsWith("HTTP/1.0 200"), "second clean request");
      Result second =
          exec(
              net.vigilCommand(
                  InlineFixture.inlineRun(
                      String.valueOf(QUEUE),
                      "-S",
                      rules.toString(),
                      "-l",
                      dir.resolve("logs2").toString())),
              60);
      assertEquals(2, second.code, "a second vigil on a bound queue: " + second.out);
      assertTrue(second.out.contains("NFQUEUE " + QUEUE), "names the queue: " + second.out);

      assertEquals(
          "TIMEOUT",
          net.request("GET /EVILPATTERN HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n"),
          "a request carrying the drop pattern gets no answer");
      assertEquals(
          "TIMEOUT",
          net.request("GET /EVILPAT", "TERN HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n"),
          "the drop pattern split over two segments is still dropped");
      assertTrue(
          net.request("GET /EVILPATTERN-ALLOWLISTED HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n")
              .startsWith("HTTP/1.0 404"),
          "a pass rule lets the request through although it carries the drop pattern");
      assertEquals(
          "RESET",
          net.request("GET /REJECTME HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n"),
          "a request carrying the reject pattern is reset");
      assertTrue(
          net.request(clean).startsWith("HTTP/1.0 200"), "clean requests still pass afterwards");

      net.stop(vigil, 20, "inline run");
      List<String> eve = Files.readAllLines(logs.resolve("eve.json"), StandardCharsets.UTF_8);
      long drops = eve.stream().filter(l -> l.contains("\"event_type\":\"drop\"")).count();
      long blocked1001 = InlineFixture.alerts(eve, 1001, "blocked");
      long blocked1002 = InlineFixture.alerts(eve, 1002, "blocked");
      long allowed1003 = InlineFixture.alerts(eve, 1003, "allowed");
      String all = String.join("\n", eve) + "\n" + Files.readString(dir.resolve("vigil.out"));
      assertTrue(blocked1001 >= 2, "blocked alerts of the drop rule (whole and split):\n" + all);
      assertTrue(blocked1002 >= 1, "blocked alert of the reject rule:\n" + all);
      assertTrue(drops >= 3, "EVE drop records for the three blocked requests:\n" + all);
      assertTrue(allowed1003 >= 3, "alert-only rule alerts, allowed:\n" + all);
      // a request alerts once on its flow even when the client retransmits it while its verdict
      // is pending (a loaded machine): the retransmitted bytes are not inspected again
      List<String> flows1003 =
          eve.stream()
              .filter(l -> l.contains("\"signature_id\":1003"))
              .map(l -> l.replaceAll(".*\"flow_id\":(\\d+).*", "$1"))
              .toList();
      assertEquals(
          flows1003.size(),
          new java.util.HashSet<>(flows1003).size(),
          "one alert per request:\n" + all);

      // fail-open: with --queue-bypass and no vigil on the queue, traffic still flows
      assertEquals(
          "TIMEOUT", net.request(clean), "without --queue-bypass nothing passes an unbound queue");
      assertEquals(
          0,
          exec(
                  List.of(
                      "bash", TOPOLOGY.toString(), "rule", net.name(), String.valueOf(QUEUE), "1"),
                  10)
              .code);
      assertTrue(
          net.request(clean).startsWith("HTTP/1.0 200"), "with --queue-bypass traffic flows");
    } finally {
      net.down();
    }
  }

  /**
   * Ends the {@code started} processes (and their children) and deletes the network namespaces
   * named, killing what still runs in them.
   */
  static void teardown(List<Process> started, String... namespaces) throws Exception {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    started.clear();
    exec(
        List.of(
            "sh",
            "-c",
            "for n in "
                + String.join(" ", namespaces)
                + "; do kill -9 $(ip netns pids $n) 2>/dev/null; "
                + "ip netns del $n 2>/dev/null; done; true"),
        20);
  }

  /**
   * Skips the calling {@code test} unless it runs as root (network namespaces, packet sockets,
   * iptables) with every one of {@code tools} on the PATH.
   */
  static void assumeRoot(String test, String... tools) throws Exception {
    assumeTrue(
        "0".equals(exec(List.of("id", "-u"), 5).out.trim()),
        test + " needs root (network namespaces, packet sockets, iptables): skipped");
    for (String tool : tools) {
      assumeTrue(
          exec(List.of("sh", "-c", "command -v " + tool), 5).code == 0,
          tool + " not found (bin/setup installs it): " + test + " skipped");
    }
  }

  /**
   * Builds the client/router/server namespaces {@code name} of {@link #TOPOLOGY} with the router's
   * FORWARD traffic on {@code queue} (whatever an earlier run left is torn down first); skips the
   * calling test when they cannot be built.
   */
  static void topologyUp(String name, int queue) throws Exception {
    assumeTrue(Files.exists(TOPOLOGY), "topology script not found at " + TOPOLOGY);
    exec(List.of("bash", TOPOLOGY.toString(), "down", name), 10);
    Result up =
        exec(List.of("bash", TOPOLOGY.toString(), "up", name, String.valueOf(queue), "0"), 20);
    if (up.code != 0) {
      exec(List.of("bash", TOPOLOGY.toString(), "down", name), 10);
      assumeTrue(false, "cannot build the namespace topology: " + up.out);
    }
  }

  /**
   * Repeats {@code request} until it is answered with status 200 or {@code seconds} pass, failing
   * as soon as {@code vigil} has exited (its output in {@code out}); returns the last answer.
   */
  static String awaitServed(Process vigil, Path out, Callable<String> request, int seconds)
      throws Exception {
    String answer = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!answer.startsWith("HTTP/1.0 200") && System.nanoTime() < deadline) {
      assertTrue(vigil.isAlive(), "vigil exited: " + Files.readString(out));
      answer = request.call();
    }
    return answer;
  }

  record Result(int code, String out) {}

  static Result exec(List<String> command, long timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[][] out = new byte[1][];
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    out[0] = p.getInputStream().readAllBytes();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor();
    }
    reader.join(2000);
    return new Result(
        p.exitValue(), out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8));
  }

  /**
   * Python's HTTP server on port 8080 in namespace {@code ns}, serving {@code web}, output to
   * {@code log}.
   */
  static Process webServer(String ns, Path web, Path log) throws IOException {
    return new ProcessBuilder(
            "ip",
            "netns",
            "exec",
            ns,
            "python3",
            "-m",
            "http.server",
            "8080",
            "--bind",
            "0.0.0.0",
            "--directory",
            web.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
