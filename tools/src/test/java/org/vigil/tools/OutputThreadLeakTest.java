package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in this JVM (as the tests, a control socket or a reload run it) leaves no {@code
 * vigil-output} thread behind, whether it ends normally or a setting is refused once the output
 * stage is up: each such thread would idle for the rest of the process, taking CPU.
 */
@Timeout(120)
class OutputThreadLeakTest {
  static final Path HTTP =
      Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"))
          .resolve("pcaps/zeek/http/get.pcap");
  static final String RULES =
      "alert tcp any any -> any any (msg:\"GET\"; flow:to_server,established; content:\"GET\";"
          + " http_method; sid:1;)\n";

  @TempDir Path tmp;

  private int n;

  @Test
  void runsThatEndWellLeaveNoOutputThread() throws Exception {
    for (String mode : List.of("autofp", "workers")) {
      CliRun r = runLeavingNoOutputThread("", "--runmode", mode, "--threads", "2");
      assertEquals(0, r.code(), mode + ": " + r.err());
    }
    CliRun custom =
        runLeavingNoOutputThread(
            "threading:\n  runmode: custom\n  workers:\n    - {name: a}\n    - {name: b}\n");
    assertEquals(0, custom.code(), custom.err());
  }

  @Test
  void runsRefusedOnceTheOutputStageIsUpLeaveNoOutputThread() throws Exception {
    // the custom layout starts its output thread before the router is checked against pcap-log
    CliRun router =
        runLeavingNoOutputThread(
            "threading:\n  runmode: custom\n  router: alerted\n  workers:\n    - {name: a}\n");
    assertEquals(2, router.code());
    assertTrue(router.err().contains("threading.router: alerted sends packets"), router.err());
    CliRun missing =
        runLeavingNoOutputThread(
            "outputs:\n  pcap-log: {enabled: yes, conditional: alerts}\n"
                + "threading:\n  runmode: custom\n  workers:\n    - {name: a}\n");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("outputs.pcap-log needs the packets"), missing.err());
  }

  /** Runs {@code vigil run} over one capture and checks it left no vigil-output thread alive. */
  private CliRun runLeavingNoOutputThread(String yaml, String... extra) throws Exception {
    assumeTrue(Files.isRegularFile(HTTP), "corpus not found at " + HTTP.toAbsolutePath());
    int i = n++;
    Path rules = Files.writeString(tmp.resolve("r" + i + ".rules"), RULES);
    Path cfg = Files.writeString(tmp.resolve("c" + i + ".yaml"), "sensor-name: t\n" + yaml);
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-r",
                HTTP.toString(),
                "-S",
                rules.toString(),
                "-c",
                cfg.toString(),
                "-l",
                tmp.resolve("logs" + i).toString()));
    args.addAll(List.of(extra));
    Set<Thread> before = outputThreads();
    CliRun r = CliRun.of(args.toArray(String[]::new));
    Set<Thread> left = outputThreads();
    left.removeAll(before);
    assertTrue(
        left.isEmpty(),
        "vigil " + String.join(" ", args) + " with " + yaml + " left " + left + " alive");
    return r;
  }

  private static Set<Thread> outputThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("vigil-output"))
        .collect(Collectors.toSet());
  }
}
