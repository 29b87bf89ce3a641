package org.vigil.acquire.nfq;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test topology for the NFQUEUE tests: client, router and server network namespaces from {@code
 * nfq/topology.sh}, a python HTTP server in the server namespace, curl in the client namespace and
 * {@link NfqTestListener} child JVMs in the router namespace. Closing it kills what it started and
 * deletes the namespaces. Skips (JUnit assumption) when not root or when namespaces or iptables are
 * unavailable.
 */
final class NfqTestbed implements AutoCloseable {

  static final String SERVER4 = "10.231.2.2";
  static final String SERVER6 = "fd00:231:2::2";

  private final String name;
  private final Path script;
  private final List<Process> processes = new ArrayList<>();
  private final Path webRoot;

  /** Creates namespaces {@code name}c/r/s with FORWARD traffic sent to {@code queue}. */
  NfqTestbed(String name, int queue, boolean bypass) throws Exception {
    assumeTrue(isRoot(), "NFQUEUE tests need root (network namespaces, iptables): skipped");
    for (String tool : List.of("ip", "iptables", "ip6tables", "curl", "python3")) {
      assumeTrue(
          onPath(tool), tool + " not found on PATH: NFQUEUE tests skipped (bin/setup installs it)");
    }
    try {
      NfqNative.netfilterQueue();
    } catch (NfqException e) {
      assumeTrue(false, e.getMessage());
    }
    this.name = name;
    this.script = resource("/nfq/topology.sh");
    exec(List.of("bash", script.toString(), "down", name), 10); // leftovers of a killed run
    Result up =
        exec(
            List.of(
                "bash", script.toString(), "up", name, String.valueOf(queue), bypass ? "1" : "0"),
            20);
    if (up.code != 0) {
      exec(List.of("bash", script.toString(), "down", name), 10);
      assumeTrue(
          false,
          "cannot build the namespace topology (ip netns / veth / iptables unavailable?): "
              + up.output);
    }
    webRoot = Files.createTempDirectory("vigil-nfq-web");
    Files.writeString(webRoot.resolve("index.html"), "hello from the server namespace\n");
  }

  static boolean isRoot() {
    try {
      return exec(List.of("id", "-u"), 5).output.trim().equals("0");
    } catch (Exception e) {
      return false;
    }
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) return true;
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool))
        || Files.isExecutable(Path.of("/sbin", tool));
  }

  static Path resource(String path) throws URISyntaxException {
    return Path.of(NfqTestbed.class.getResource(path).toURI());
  }

  String ns(char role) {
    return name + role;
  }

  /**
   * Replaces the router's rule: FORWARD to {@code queue}, with --queue-bypass when {@code bypass}.
   */
  void rule(int queue, boolean bypass) throws Exception {
    rule(queue, bypass, false);
  }

  /**
   * Like {@link #rule(int, boolean)}; {@code markSkip} queues only packets without mark bit 0x1.
   */
  void rule(int queue, boolean bypass, boolean markSkip) throws Exception {
    Result r =
        exec(
            List.of(
                "bash",
                script.toString(),
                "rule",
                name,
                String.valueOf(queue),
                bypass ? "1" : "0",
                markSkip ? "1" : "0"),
            10);
    if (r.code != 0) throw new IllegalStateException("iptables rule failed: " + r.output);
  }

  /** Starts the HTTP server on port 8080 (IPv4 and IPv6) and waits until it answers locally. */
  void startHttpServer() throws Exception {
    Process p =
        start(
            List.of(
                "ip",
                "netns",
                "exec",
                ns('s'),
                "python3",
                "-m",
                "http.server",
                "8080",
                "--bind",
                "::",
                "--directory",
                webRoot.toString()));
    for (int i = 0; i < 100; i++) {
      if (exec(
                  List.of(
                      "ip",
                      "netns",
                      "exec",
                      ns('s'),
                      "curl",
                      "-s",
                      "-o",
                      "/dev/null",
                      "--max-time",
                      "1",
                      "http://127.0.0.1:8080/"),
                  5)
              .code
          == 0) return;
      if (!p.isAlive())
        throw new IllegalStateException(
            "http server exited: " + new String(p.getInputStream().readAllBytes()));
      Thread.sleep(50);
    }
    throw new IllegalStateException("http server did not start");
  }

  /** Starts a process in namespace {@code role} (c, r or s) with stderr merged into stdout. */
  Process startIn(char role, List<String> command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(role)));
    full.addAll(command);
    return start(full);
  }

  /** Starts {@link NfqTestListener} in the router namespace and waits for READY. */
  Listener startListener(int queue, String mode, String pattern) throws Exception {
    return startListener(queue, mode, pattern, true);
  }

  /**
   * Like {@link #startListener(int, String, String)}; {@code quickStart} trades peak speed for
   * start-up time.
   */
  Listener startListener(
      int queue, String mode, String pattern, boolean quickStart, String... options)
      throws Exception {
    List<String> cmd = listenerCommand(queue, mode, pattern, List.of());
    cmd.addAll(List.of(options));
    if (!quickStart) cmd.remove("-XX:TieredStopAtLevel=1");
    Process p = startIn('r', cmd);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.equals("READY")) return new Listener(p, out);
    }
    p.destroyForcibly();
    throw new IllegalStateException("listener did not start:\n" + seen);
  }

  private static List<String> listenerCommand(
      int queue, String mode, String pattern, List<String> prefix) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(
        List.of(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            NfqTestListener.class.getName(),
            String.valueOf(queue),
            mode,
            pattern));
    return cmd;
  }

  /**
   * Runs a listener on {@code queue} in the router namespace (behind {@code prefix}) that must
   * fail; its output.
   */
  String listenerError(int queue, List<String> prefix) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns('r')));
    cmd.addAll(listenerCommand(queue, "accept", "x", prefix));
    Result r = exec(cmd, 30);
    if (r.code == 0)
      throw new IllegalStateException("listener on queue " + queue + " did not fail: " + r.output);
    return r.output;
  }

  /** Runs curl in the client namespace: exit code and body (stderr merged). */
  Result curl(String url, double maxSeconds, String... extra) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                ns('c'),
                "curl",
                "-s",
                "-S",
                "--max-time",
                String.valueOf(maxSeconds)));
    cmd.addAll(List.of(extra));
    cmd.add(url);
    return exec(cmd, (long) Math.ceil(maxSeconds) + 10);
  }

  private Process start(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    processes.add(p);
    return p;
  }

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

  @Override
  public void close() throws IOException {
    try {
      for (Process p : processes) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      for (Process p : processes) p.waitFor(5, TimeUnit.SECONDS);
      exec(List.of("bash", script.toString(), "down", name), 20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try (var files = Files.list(webRoot)) {
        for (Path f : files.toList()) Files.deleteIfExists(f);
      }
      Files.deleteIfExists(webRoot);
    }
  }

  /** A command's exit code and output. */
  record Result(int code, String output) {}

  /** A running {@link NfqTestListener}. */
  record Listener(Process process, BufferedReader out) {
    /** Closes its stdin so it stops, and returns everything it printed after READY. */
    String stop() throws Exception {
      process.getOutputStream().close();
      StringBuilder sb = new StringBuilder();
      String line;
      while ((line = out.readLine()) != null) sb.append(line).append('\n');
      process.waitFor(10, TimeUnit.SECONDS);
      return sb.toString();
    }
  }
}
