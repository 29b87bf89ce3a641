package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The namespaces the inline ITs run vigil in: the runtime's {@code nfq/topology.sh} (client, router
 * whose FORWARD traffic goes to an NFQUEUE, server) with Python's HTTP server serving {@code
 * index.html}, vigil started in the router, requests sent from the client, and everything started
 * ended and the namespaces deleted by {@link #down}. Namespace names carry {@link
 * RunInlineIT#NS_PREFIX}.
 */
final class InlineFixture {
  static final String SERVER = "10.231.2.2";
  static final String INDEX = "GET /index.html HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n";

  private final String name;
  private final int queue;
  private final List<Process> started = new ArrayList<>();
  private Path client;

  /**
   * The topology {@code name} (its namespaces {@code name} c, r and s) on NFQUEUE {@code queue}.
   */
  InlineFixture(String name, int queue) {
    this.name = RunInlineIT.NS_PREFIX + name;
    this.queue = queue;
  }

  /** The topology's name (before c, r and s). */
  String name() {
    return name;
  }

  /**
   * Skips the calling {@code test} unless root with {@code tools}, then builds the namespaces with
   * the router's traffic on the queue.
   */
  void up(String test, String... tools) throws Exception {
    RunInlineIT.assumeRoot(test, tools);
    RunInlineIT.topologyUp(name, queue);
  }

  /**
   * Starts the HTTP server on port 8080 in the server namespace, serving {@code index.html} from
   * {@code dir/web}, and writes the client script {@code source} to {@code dir/scriptName}; returns
   * the script.
   */
  Path serve(Path dir, String scriptName, String source) throws Exception {
    Path web = Files.createDirectories(dir.resolve("web"));
    Files.writeString(web.resolve("index.html"), "hello\n");
    started.add(RunInlineIT.webServer(name + "s", web, dir.resolve("server.out")));
    client = Files.writeString(dir.resolve(scriptName), source);
    return client;
  }

  /**
   * As {@link #serve(Path, String, String)} with {@link RunInlineIT#CLIENT} for {@link #request}.
   */
  void serve(Path dir) throws Exception {
    serve(dir, "client.py", RunInlineIT.CLIENT);
  }

  /**
   * The client script's run from the client namespace to the server, with {@code args} after the
   * server's address; returns its output.
   */
  String client(long seconds, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of("ip", "netns", "exec", name + "c", "python3", client.toString(), SERVER));
    cmd.addAll(List.of(args));
    return RunInlineIT.exec(cmd, seconds).out();
  }

  /**
   * Sends the request in {@code parts} from the client namespace; returns the answer's status line,
   * TIMEOUT or RESET.
   */
  String request(String... parts) throws Exception {
    String o = client(15, parts).trim();
    int nl = o.lastIndexOf('\n');
    return nl < 0 ? o : o.substring(nl + 1);
  }

  /** {@code bin/vigil} with {@code args} in the router namespace. */
  List<String> vigilCommand(List<String> args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                name + "r",
                RunInlineIT.ROOT.resolve("bin/vigil").toString()));
    cmd.addAll(args);
    return cmd;
  }

  /**
   * The arguments of {@code vigil run} inline on {@code queues} without the warm-up ({@code
   * InlineWarmUpIT} tests it; elsewhere it would only delay), then {@code more}.
   */
  static List<String> inlineRun(String queues, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "-q", queues, "--warm-up", "none"));
    args.addAll(List.of(more));
    return args;
  }

  /** Starts {@link #vigilCommand} with its console to {@code out}; ended by {@link #down}. */
  Process vigil(Path out, List<String> args) throws Exception {
    Process p =
        new ProcessBuilder(vigilCommand(args))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    started.add(p);
    return p;
  }

  /** Stops {@code vigil} with SIGTERM, failing unless it ends within {@code seconds}. */
  void stop(Process vigil, long seconds, String what) throws Exception {
    RunInlineIT.exec(List.of("kill", "-TERM", Long.toString(vigil.pid())), 5);
    assertTrue(vigil.waitFor(seconds, TimeUnit.SECONDS), what + ": vigil did not stop on SIGTERM");
    started.remove(vigil);
  }

  /** Ends what was started (with its children) and deletes the namespaces. */
  void down() throws Exception {
    RunInlineIT.teardown(started, name + "c", name + "r", name + "s");
  }

  /**
   * The alerts of rule {@code sid} in the EVE lines {@code eve} with {@code action} (null: any).
   */
  static long alerts(List<String> eve, int sid, String action) {
    return eve.stream()
        .filter(
            l ->
                l.contains("\"event_type\":\"alert\"")
                    && l.contains("\"signature_id\":" + sid)
                    && (action == null || l.contains("\"action\":\"" + action + "\"")))
        .count();
  }

  /**
   * The first {@code "key": n} (or {@code "key":n}, {@code key} a pattern) in {@code json}, -1 if
   * none.
   */
  static long number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\\s*(\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
