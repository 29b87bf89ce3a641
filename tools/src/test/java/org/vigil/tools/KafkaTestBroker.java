package org.vigil.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) in a child JVM on
 * loopback, for the shipping tests: started, stopped and restarted on the same ports and data
 * folder, like a broker an operator restarts. {@link #main} is the child's entry point.
 */
final class KafkaTestBroker implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final int controllerPort;
  private Process process;

  private KafkaTestBroker(Path dir, int port, int controllerPort) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** Starts a broker whose data lives in {@code dir}; returns once it answers. */
  static KafkaTestBroker start(Path dir) throws Exception {
    Files.createDirectories(dir);
    int[] ports = freePorts();
    KafkaTestBroker b = new KafkaTestBroker(dir, ports[0], ports[1]);
    b.start();
    return b;
  }

  /** The {@code bootstrap.servers} of this broker. */
  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  /** Starts (again) the broker process and waits until it serves metadata. */
  void start() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx512m");
    cmd.add("-XX:+UseSerialGC");
    // C1 only: on a shared 2-core machine the broker starts in a fraction of the time
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(jvmFlags());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(KafkaTestBroker.class.getName());
    cmd.add(dir.toString());
    cmd.add(Integer.toString(port));
    cmd.add(Integer.toString(controllerPort));
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
            .start();
    awaitReady(Duration.ofSeconds(90));
  }

  /** Stops the broker as an operator would (SIGTERM, controlled shutdown) and waits for it. */
  void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    process = null;
  }

  /** Kills the broker (SIGKILL, no shutdown at all) and waits for it to be gone. */
  void kill() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    process = null;
  }

  /** Freezes the broker (SIGSTOP): it holds its connections and answers nothing until resumed. */
  void pause() throws Exception {
    signal("STOP");
  }

  /** Lets a paused broker go on (SIGCONT). */
  void resume() throws Exception {
    signal("CONT");
  }

  private void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** The folder of the broker's partition {@code topic-partition} (its log segments). */
  Path partitionDir(String topicPartition) {
    return dir.resolve("data").resolve(topicPartition);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap());
    p.put("request.timeout.ms", "3000");
    p.put("default.api.timeout.ms", "3000");
    try (Admin admin = Admin.create(p)) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the Kafka broker exited with "
                  + process.exitValue()
                  + ": "
                  + tail(dir.resolve("broker.log")));
        }
        try {
          if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          // not up yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the Kafka broker did not come up in "
                  + timeout
                  + ": "
                  + tail(dir.resolve("broker.log")));
        }
        Thread.sleep(200);
      }
    }
  }

  /** The flags this JVM was started with that a child JVM running Vigil needs too. */
  static List<String> jvmFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            a ->
                a.startsWith("--add-")
                    || a.startsWith("--enable-native-access")
                    || a.startsWith("--sun-misc"))
        .toList();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no broker log)";
    }
  }

  /**
   * Two distinct free ports (the broker's and the controller's): both sockets are held open
   * together, so the system cannot hand out the same port twice.
   */
  private static int[] freePorts() throws IOException {
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket b = new ServerSocket(0)) {
      return new int[] {a.getLocalPort(), b.getLocalPort()};
    }
  }

  /**
   * The child: writes the broker's configuration into {@code args[0]}, formats its storage the
   * first time, then runs the broker until it is stopped.
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    int controller = Integer.parseInt(args[2]);
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.resolve("data").toString());
    p.put("num.partitions", "3");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    Path props = dir.resolve("server.properties");
    try (var w = Files.newBufferedWriter(props)) {
      p.store(w, "single-node KRaft broker of the Vigil shipping tests");
    }
    if (!Files.exists(dir.resolve("data/meta.properties"))) {
      int rc =
          kafka.tools.StorageTool.execute(
              new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", props.toString()},
              new PrintStream(System.out, true));
      if (rc != 0) {
        System.exit(rc);
      }
    }
    kafka.Kafka.main(new String[] {props.toString()});
  }
}
