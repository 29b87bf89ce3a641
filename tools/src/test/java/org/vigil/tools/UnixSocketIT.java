package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suricata's own client, {@code suricatasc}, drives {@code bin/vigil run -D --unix-socket} in the
 * unix-socket run mode: the version handshake and command-list, version, running-mode,
 * capture-mode, uptime, pcap-file (the capture is read into its output folder with its alerts),
 * pcap-file-number and pcap-current, ruleset-stats, reload-rules (a rule added to the file alerts
 * on the next capture), dump-counters, and shutdown, which ends the background engine whose pid the
 * pid file holds; vigil.log has Suricata-style lines. Skipped without suricatasc.
 */
class UnixSocketIT {
  static final Path ROOT = RunInlineIT.ROOT;
  static final Path GET = ROOT.resolve("../shared/corpus/pcaps/zeek/http/get.pcap").normalize();

  @TempDir Path dir;

  private RunInlineIT.Result sc(Path socket, String command) throws Exception {
    return RunInlineIT.exec(List.of("suricatasc", "-c", command, socket.toString()), 30);
  }

  @Test
  void suricatascDrivesTheUnixSocketRunMode() throws Exception {
    assumeTrue(
        RunInlineIT.exec(List.of("sh", "-c", "command -v suricatasc"), 5).code() == 0,
        "suricatasc not found (Debian's suricata package): skipped");
    assumeTrue(Files.isRegularFile(GET), "corpus not found at " + GET);
    Path rules = dir.resolve("socket.rules");
    Files.writeString(
        rules,
        "alert http any any -> any any (msg:\"GET\"; http.method; content:\"GET\"; sid:1;)\n");
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path socket = dir.resolve("vigil.socket");
    Path pidfile = dir.resolve("vigil.pid");
    RunInlineIT.Result started =
        RunInlineIT.exec(
            List.of(
                ROOT.resolve("bin/vigil").toString(),
                "run",
                "-D",
                "-v",
                "--unix-socket=" + socket,
                "--pidfile",
                pidfile.toString(),
                "-S",
                rules.toString(),
                "-l",
                logs.toString()),
            120);
    assertEquals(0, started.code(), started.out());
    assertTrue(started.out().contains("running in the background"), started.out());
    long pid = Long.parseLong(Files.readString(pidfile).trim());
    ProcessHandle engine = ProcessHandle.of(pid).orElseThrow();
    try {
      RunInlineIT.Result version = sc(socket, "version");
      assertEquals(0, version.code(), version.out());
      assertTrue(version.out().contains("\"return\": \"OK\""), version.out());
      assertTrue(sc(socket, "running-mode").out().contains("\"message\": \"single\""));
      assertTrue(sc(socket, "capture-mode").out().contains("\"message\": \"UNIX_SOCKET\""));
      assertTrue(sc(socket, "uptime").out().matches("(?s).*\"message\": \\d+.*"));
      assertTrue(sc(socket, "ruleset-stats").out().contains("\"rules_loaded\": 1"));

      Path out1 = Files.createDirectories(dir.resolve("out1"));
      RunInlineIT.Result added = sc(socket, "pcap-file " + GET + " " + out1);
      assertTrue(added.out().contains("Successfully added file to list"), added.out());
      waitUntilRead(socket);
      assertTrue(
          Files.readString(out1.resolve("eve.json")).contains("\"signature_id\":1,"),
          "the capture's alert is in its output folder");
      RunInlineIT.Result missing = sc(socket, "pcap-file /nonexistent.pcap " + out1);
      assertEquals(1, missing.code(), "a missing capture is refused: " + missing.out());

      Files.writeString(
          rules,
          "alert http any any -> any any (msg:\"URI\"; http.uri; content:\"CHANGES\"; sid:2;)\n",
          java.nio.file.StandardOpenOption.APPEND);
      RunInlineIT.Result reload = sc(socket, "reload-rules");
      assertTrue(reload.out().contains("\"message\": \"done\""), reload.out());
      assertTrue(sc(socket, "ruleset-stats").out().contains("\"rules_loaded\": 2"));
      Path out2 = Files.createDirectories(dir.resolve("out2"));
      sc(socket, "pcap-file " + GET + " " + out2);
      waitUntilRead(socket);
      assertTrue(
          Files.readString(out2.resolve("eve.json")).contains("\"signature_id\":2,"),
          "the rule the reload added alerts on the next capture");

      RunInlineIT.Result counters = sc(socket, "dump-counters");
      assertTrue(counters.out().contains("\"rules_loaded\": 2"), counters.out());

      RunInlineIT.Result bye = sc(socket, "shutdown");
      assertTrue(bye.out().contains("\"return\": \"OK\""), bye.out());
      engine.onExit().get(30, TimeUnit.SECONDS);
      assertTrue(!engine.isAlive(), "the engine ended on shutdown");
      assertTrue(!Files.exists(socket), "the socket file is removed");
      String log = Files.readString(logs.resolve("vigil.log"), StandardCharsets.UTF_8);
      assertTrue(
          java.util.regex.Pattern.compile(
                  "^\\["
                      + pid
                      + " - [^]]+\\] \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d Info: vigil: This is Vigil",
                  java.util.regex.Pattern.MULTILINE)
              .matcher(log)
              .find(),
          log);
      assertTrue(log.contains("Notice: vigil: rule reload: 2 rules loaded, 0 failed"), log);
    } finally {
      engine.destroyForcibly();
    }
  }

  /** Waits until no capture is queued or being read (pcap-file-number 0, pcap-current None). */
  private void waitUntilRead(Path socket) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(sc(socket, "pcap-file-number").out().contains("\"message\": 0")
        && sc(socket, "pcap-current").out().contains("\"message\": \"None\""))) {
      assertTrue(System.nanoTime() < deadline, "the capture was not read");
      Thread.sleep(200);
    }
  }
}
