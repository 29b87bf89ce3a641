package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigil.tools.LauncherIT.Proc;

/**
 * bin/aot-train writes the JDK's AOT cache from a training run, and bin/vigil starts with it: the
 * JVM loads classes from it, alerts are those of a run without it, and a cache the JVM cannot use
 * costs nothing but itself (no message, same alerts).
 */
class AotCacheIT {
  private static final Path ROOT = LauncherIT.ROOT;
  private static Path dir;
  private static Path rules;
  private static Path pcap;
  private static Path cache;
  private static Proc trained;

  @BeforeAll
  static void train() throws Exception {
    pcap = ROOT.resolve("../shared/corpus/pcaps/zeek/http/get.pcap").normalize();
    Assumptions.assumeTrue(Files.isRegularFile(pcap), "corpus not found");
    dir = Files.createTempDirectory("vigil-aot");
    rules = dir.resolve("r.rules");
    Files.writeString(
        rules,
        "alert http any any -> any any (msg:\"get\"; http.method; content:\"GET\"; sid:1;)\n"
            + "alert tcp any any -> any 80 (msg:\"raw\"; content:\"HTTP/1.\"; sid:2;)\n");
    cache = dir.resolve("v.aot");
    trained =
        run(
            Map.of(),
            ROOT.resolve("bin/aot-train"),
            "--cache",
            cache.toString(),
            "-S",
            rules.toString(),
            "-r",
            pcap.toString());
  }

  @Test
  void trainingWritesTheCacheAndSaysWhere() {
    assertEquals(0, trained.code(), trained.err());
    assertTrue(Files.isRegularFile(cache), trained.err());
    assertTrue(trained.err().contains("aot-train: " + cache), trained.err());
    assertFalse(Files.exists(Path.of(cache + ".tmp")), "no partial file left");
  }

  @Test
  void aRunMapsTheCacheAndRaisesTheSameAlerts() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(cache), trained.err());
    Proc without = vigilRun(Map.of("VIGIL_AOT_CACHE", "none"), "plain");
    // the JVM's own log says whether it loaded classes from the cache bin/vigil named
    Proc with =
        vigilRun(
            Map.of("VIGIL_AOT_CACHE", cache.toString(), "VIGIL_JAVA_OPTS", "-Xlog:aot"), "aot");
    assertEquals(0, without.code(), without.err());
    assertEquals(0, with.code(), with.err());
    assertEquals(alerts(dir.resolve("plain")), alerts(dir.resolve("aot")));
    assertFalse(alerts(dir.resolve("plain")).isEmpty(), "the rules alert on the capture");
    assertTrue(with.out().contains("Using AOT-linked classes: true"), with.out());
  }

  @Test
  void aCacheTheJvmCannotMapIsLeftOutQuietly() throws Exception {
    Path bad = dir.resolve("bad.aot");
    Files.writeString(bad, "not an AOT cache");
    Files.setLastModifiedTime(bad, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    Proc p = vigilRun(Map.of("VIGIL_AOT_CACHE", bad.toString()), "bad");
    assertEquals(0, p.code(), p.err());
    assertEquals("", p.out());
    assertFalse(p.err().contains("[aot]") || p.err().contains("[cds]"), p.err());
    assertTrue(p.err().contains("packets in"), p.err());
  }

  private static Proc vigilRun(Map<String, String> env, String logs) throws Exception {
    Path log = Files.createDirectories(dir.resolve(logs));
    return run(
        env,
        ROOT.resolve("bin/vigil"),
        "run",
        "-S",
        rules.toString(),
        "-r",
        pcap.toString(),
        "-l",
        log.toString());
  }

  /** The sids of the alerts in a run's eve.json, in order. */
  private static List<String> alerts(Path log) throws IOException {
    List<String> sids = new ArrayList<>();
    for (String line : Files.readAllLines(log.resolve("eve.json"))) {
      if (line.contains("\"event_type\":\"alert\"")) {
        int at = line.indexOf("\"signature_id\":");
        sids.add(line.substring(at, line.indexOf(',', at)));
      }
    }
    return sids;
  }

  private static Proc run(Map<String, String> env, Path exe, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(exe.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process proc = pb.start();
    if (!proc.waitFor(5, TimeUnit.MINUTES)) {
      proc.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Proc(
        proc.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
