package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code vigil run} killed with SIGKILL in the middle of a capture folder loses no alert it had
 * already written out: every alert line in its eve.json (written only after the durable append)
 * is in the Chronicle alert log that {@code vigil alerts} reads afterwards.
 */
class RunKillIT {
  static final Path ROOT = Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();
  static final Path PCAP = Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"))
      .resolve("pcaps/zeek/http/1000-requests-one-dropped-response.pcap");

  @TempDir Path dir;

  @Test
  void acknowledgedAlertsSurviveSigkill() throws Exception {
    assumeTrue(Files.exists(PCAP), "corpus capture not found at " + PCAP);
    Path captures = Files.createDirectories(dir.resolve("captures"));
    for (int i = 0; i < 40; i++) {
      Files.createSymbolicLink(captures.resolve(String.format("c%02d.pcap", i)), PCAP.toAbsolutePath());
    }
    Path rules = dir.resolve("nginx.rules");
    Files.writeString(rules, "alert tcp any 80 -> any any (msg:\"nginx welcome page\"; flow:from_server,established; "
        + "content:\"200\"; http_stat_code; file_data; content:\"<title>Welcome to nginx!</title>\"; sid:1; rev:1;)\n");
    Path logs = dir.resolve("logs");
    Process run = new ProcessBuilder(ROOT.resolve("bin/vigil").toString(), "run", "-r", captures.toString(),
        "-S", rules.toString(), "-l", logs.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("run.out").toFile()).start();
    Path eve = logs.resolve("eve.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (alertLines(eve).size() < 2000 && run.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(run.isAlive(), "the run ended before it could be killed: " + Files.readString(dir.resolve("run.out")));
    new ProcessBuilder("kill", "-KILL", Long.toString(run.pid())).start().waitFor();
    assertEquals(137, run.waitFor(), "not killed by SIGKILL");

    List<String> written = alertLines(eve);
    assertTrue(written.size() >= 2000, "only " + written.size() + " alerts written before the kill");
    CliRun read = CliRun.of("alerts", logs.toString(), "--format", "eve");
    assertEquals(0, read.code(), read.err());
    Set<String> logged = new HashSet<>();
    read.out().lines().map(RunKillIT::key).forEach(logged::add);
    for (String line : written) {
      assertTrue(logged.contains(key(line)), "alert written to eve.json but missing from the alert log: " + line);
    }
    assertTrue(logged.size() < 40 * 999, "the run was killed before its end");
  }

  /** Complete alert lines of eve.json (a torn last line is left out). */
  private static List<String> alertLines(Path eve) throws Exception {
    if (!Files.exists(eve)) {
      return List.of();
    }
    String all = Files.readString(eve);
    int end = all.lastIndexOf('\n');
    return end < 0 ? List.of() : all.substring(0, end).lines()
        .filter(l -> l.contains("\"event_type\":\"alert\"")).toList();
  }

  /** Which alert a line is: its capture, packet number and timestamp. */
  private static String key(String line) {
    return field(line, "\"pcap_filename\":\"", '"') + "#" + field(line, "\"pcap_cnt\":", ',') + "@"
        + field(line, "\"timestamp\":\"", '"');
  }

  private static String field(String line, String start, char end) {
    int i = line.indexOf(start);
    if (i < 0) {
      return "";
    }
    i += start.length();
    int j = line.indexOf(end, i);
    return j < 0 ? line.substring(i) : line.substring(i, j);
  }
}
