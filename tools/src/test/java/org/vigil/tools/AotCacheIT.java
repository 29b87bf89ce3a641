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
 * README's build (-Paot) trains one on the bundled traffic so a fresh build starts warm with no
 * operator step, the JVM loads classes from it, alerts are those of a run without it, and a cache
 * that is stale (older than a jar) or that the JVM cannot use costs nothing but itself (no message,
 * same alerts).
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
    dir = Files.createTempDirectory("vigil-aot");
    pcap = ROOT.resolve("../shared/corpus/pcaps/zeek/http/get.pcap").normalize();
    if (!Files.isRegularFile(pcap)) {
      return; // the tests that train on the corpus are skipped; the bundled cache's test runs
    }
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
  void trainingWritesTheCacheAndSaysWhere() throws IOException {
    Assumptions.assumeTrue(trained != null, "corpus not found");
    assertEquals(0, trained.code(), trained.err());
    assertTrue(Files.isRegularFile(cache), trained.err());
    assertTrue(trained.err().contains("aot-train: " + cache), trained.err());
    assertEquals(List.of(), partials(dir), "no partial file left");
  }

  @Test
  void aRunMapsTheCacheAndRaisesTheSameAlerts() throws Exception {
    Assumptions.assumeTrue(trained != null, "corpus not found");
    assertTrue(Files.isRegularFile(cache), trained.err());
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
  void theBundledTrainingWritesACacheTheRunsStartWith() throws Exception {
    // the build's training (bin/aot-train --bundled) on a small generated sample: quiet, whole
    Path bundled = dir.resolve("bundled.aot");
    Proc training =
        run(
            Map.of(),
            ROOT.resolve("bin/aot-train"),
            "--cache",
            bundled.toString(),
            "--bundled",
            "--flows",
            "60",
            "--rules",
            "60");
    assertEquals(0, training.code(), training.err());
    assertEquals("", training.err());
    assertTrue(Files.isRegularFile(bundled), "no cache written");
    assertEquals(List.of(), partials(dir), "no partial file left");
    Path demo = ROOT.resolve("rules/demo");
    List<String> args =
        List.of("-S", demo.resolve("demo.rules").toString(), "-r", demo.resolve("demo.pcap") + "");
    Proc plain = vigilRun(Map.of("VIGIL_AOT_CACHE", "none"), "bundled-plain", args);
    Proc warm =
        vigilRun(
            Map.of("VIGIL_AOT_CACHE", bundled.toString(), "VIGIL_JAVA_OPTS", "-Xlog:aot"),
            "bundled-warm",
            args);
    assertEquals(0, plain.code(), plain.err());
    assertEquals(0, warm.code(), warm.err());
    assertTrue(warm.out().contains("Using AOT-linked classes: true"), warm.out());
    List<String> alerts = alerts(dir.resolve("bundled-plain"));
    assertEquals(5, alerts.size(), alerts.toString());
    assertEquals(alerts, alerts(dir.resolve("bundled-warm")));
  }

  @Test
  void aFreshBuildStartsWithTheBundledCache() throws Exception {
    // only a build asked to train (-Paot, the README's build command) has the cache
    Assumptions.assumeFalse(Boolean.getBoolean("vigil.aot.skip"), "built without -Paot");
    // the package phase trained it after the jars and lib/ were laid out
    Path built = ROOT.resolve("tools/target/vigil.aot");
    assertTrue(Files.isRegularFile(built), "the build wrote no " + built);
    FileTime at = Files.getLastModifiedTime(built);
    List<Path> jars = new ArrayList<>(List.of(ROOT.resolve("tools/target/vigil-tools.jar")));
    try (var lib = Files.list(ROOT.resolve("tools/target/lib"))) {
      jars.addAll(lib.toList());
    }
    for (Path jar : jars) {
      assertTrue(Files.getLastModifiedTime(jar).compareTo(at) <= 0, jar + " is newer");
    }
    assertEquals(List.of(), partials(built.getParent()), "no partial file left");
    Path demo = ROOT.resolve("rules/demo");
    List<String> args =
        List.of("-S", demo.resolve("demo.rules").toString(), "-r", demo.resolve("demo.pcap") + "");
    Proc plain = vigilRun(Map.of("VIGIL_AOT_CACHE", "none"), "demo-plain", args);
    // no VIGIL_AOT_CACHE: bin/vigil picks the build's cache by itself
    Proc warm = vigilRun(Map.of("VIGIL_JAVA_OPTS", "-Xlog:aot"), "demo-warm", args);
    assertEquals(0, plain.code(), plain.err());
    assertEquals(0, warm.code(), warm.err());
    assertTrue(warm.out().contains("Using AOT-linked classes: true"), warm.out());
    List<String> alerts = alerts(dir.resolve("demo-plain"));
    assertEquals(5, alerts.size(), alerts.toString());
    assertEquals(alerts, alerts(dir.resolve("demo-warm")));
    assertEquals(plain.err().lines().count(), warm.err().lines().count(), warm.err());
  }

  @Test
  void aStaleCacheIsLeftOutSilently() throws Exception {
    Assumptions.assumeTrue(trained != null, "corpus not found");
    assertTrue(Files.isRegularFile(cache), trained.err());
    // a cache older than the jars (Vigil rebuilt since the training) is not given to the JVM
    Path stale = Files.copy(cache, dir.resolve("stale.aot"));
    Files.setLastModifiedTime(stale, FileTime.fromMillis(946_684_800_000L));
    Proc p =
        vigilRun(
            Map.of("VIGIL_AOT_CACHE", stale.toString(), "VIGIL_JAVA_OPTS", "-Xlog:aot"), "stale");
    assertEquals(0, p.code(), p.err());
    assertFalse(p.out().contains("Using AOT-linked classes: true"), p.out());
    assertFalse(p.err().contains("[aot]") || p.err().contains("[cds]"), p.err());
    assertTrue(p.err().contains("packets in"), p.err());
    assertEquals(alerts(dir.resolve("stale")), vigilAlertsWithout("stale-plain"));
  }

  @Test
  void aCacheTheJvmCannotMapIsLeftOutQuietly() throws Exception {
    Assumptions.assumeTrue(trained != null, "corpus not found");
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
    return vigilRun(env, logs, List.of("-S", rules.toString(), "-r", pcap.toString()));
  }

  private static Proc vigilRun(Map<String, String> env, String logs, List<String> args)
      throws Exception {
    Path log = Files.createDirectories(dir.resolve(logs));
    List<String> all = new ArrayList<>(List.of("run"));
    all.addAll(args);
    all.addAll(List.of("-l", log.toString()));
    return run(env, ROOT.resolve("bin/vigil"), all.toArray(String[]::new));
  }

  /** The alerts of a run of the test's rules and capture without any AOT cache. */
  private static List<String> vigilAlertsWithout(String logs) throws Exception {
    Proc p = vigilRun(Map.of("VIGIL_AOT_CACHE", "none"), logs);
    assertEquals(0, p.code(), p.err());
    return alerts(dir.resolve(logs));
  }

  /** Files an unfinished training left beside the caches of a folder. */
  private static List<String> partials(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.contains(".aot.tmp"))
          .toList();
    }
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
    pb.environment().remove("VIGIL_AOT_CACHE");
    pb.environment().remove("VIGIL_JAVA_OPTS");
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
