package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs bin/vigil as a user would: as a process, from another working directory. */
class LauncherIT {

  static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();

  record Proc(int code, String out, String err) {}

  static Proc vigil(Map<String, String> env, Path cwd, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("bin/vigil").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile("vigil-out", ".txt");
    Path err = Files.createTempFile("vigil-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    int code = pb.start().waitFor();
    return new Proc(
        code,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void versionFromAnotherDirectoryNamesJdk25() throws Exception {
    Path elsewhere = Files.createTempDirectory("vigil-cwd");
    Proc p = vigil(Map.of(), elsewhere, "--version");
    assertEquals(0, p.code(), p.err());
    assertTrue(p.out().startsWith("vigil 0."), p.out());
    assertTrue(p.out().matches("(?s).*JDK (2[5-9]|[3-9][0-9]).*"), p.out());
  }

  @Test
  void findsJdk25EvenWhenJavaHomeIsAnOlderJdk() throws Exception {
    Proc p = vigil(Map.of("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"), ROOT, "--version");
    assertEquals(0, p.code(), p.err());
    assertTrue(p.out().matches("(?s).*JDK (2[5-9]|[3-9][0-9]).*"), p.out());
  }

  @Test
  void everyJvmItStartsHasCompactObjectHeaders() throws Exception {
    // the launcher's flag, so also what bin/aot-train's cache is made with (the JVM needs both)
    Proc p = vigil(Map.of("VIGIL_JAVA_OPTS", "-XX:+PrintFlagsFinal"), ROOT, "--version");
    assertEquals(0, p.code(), p.err());
    assertTrue(p.out().matches("(?s).*\\bUseCompactObjectHeaders\\s+= true\\b.*"), p.out());
  }

  @Test
  void helpListsSubcommands() throws Exception {
    Proc p = vigil(Map.of(), ROOT, "--help");
    assertEquals(0, p.code(), p.err());
    for (String sub : List.of("compile", "run", "inspect", "alerts")) {
      assertTrue(p.out().contains(sub), p.out());
    }
  }

  @Test
  void aProfiledRunIsNotTakenForRuleReloads() throws Exception {
    // JFR's sampler suspends threads with the JVM's suspend/resume signal, SIGUSR2 by default
    Path dir = Files.createTempDirectory("vigil-jfr");
    Path rules = dir.resolve("r.rules");
    Files.writeString(rules, "alert tcp any any -> any any (msg:\"x\"; content:\"GET\"; sid:1;)\n");
    Path pcap = ROOT.resolve("../shared/corpus/pcaps/zeek/http/get.pcap").normalize();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(pcap), "corpus not found");
    Proc p =
        vigil(
            Map.of(
                "VIGIL_JAVA_OPTS",
                "-XX:StartFlightRecording=filename=" + dir.resolve("r.jfr") + ",settings=profile"),
            dir,
            "run",
            "-r",
            pcap.toString(),
            "-S",
            rules.toString(),
            "-l",
            dir.resolve("logs").toString());
    assertEquals(0, p.code(), p.err());
    assertTrue(!p.err().contains("rule reload"), p.err());
  }

  @Test
  void aCollectorNamedByTheUserReplacesTheLaunchersChoice() throws Exception {
    Path dir = Files.createTempDirectory("vigil-gc");
    Path rules = dir.resolve("r.rules");
    Files.writeString(rules, "alert tcp any any -> any any (msg:\"x\"; content:\"GET\"; sid:1;)\n");
    Path pcap = ROOT.resolve("../shared/corpus/pcaps/zeek/http/get.pcap").normalize();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(pcap), "corpus not found");
    // the launcher's choice for a capture in the single run mode
    Proc ours =
        vigil(
            Map.of("VIGIL_JAVA_OPTS", "-Xlog:gc:stderr"),
            dir,
            "run",
            "-r",
            pcap.toString(),
            "-S",
            rules.toString(),
            "-l",
            dir.resolve("ours").toString());
    assertEquals(0, ours.code(), ours.err());
    assertTrue(ours.err().contains("Using Parallel"), ours.err());
    // a user's collector, with an -Xmx of theirs: the run starts (no conflicting collectors) on it
    Proc theirs =
        vigil(
            Map.of("VIGIL_JAVA_OPTS", "-XX:+UseG1GC -Xmx256m -Xlog:gc:stderr"),
            dir,
            "run",
            "-r",
            pcap.toString(),
            "-S",
            rules.toString(),
            "-l",
            dir.resolve("theirs").toString());
    assertEquals(0, theirs.code(), theirs.err());
    assertTrue(theirs.err().contains("Using G1"), theirs.err());
    assertTrue(
        Files.readString(dir.resolve("theirs/eve.json")).contains("\"event_type\":\"alert\""),
        "the run under the user's collector still alerts");
  }

  @Test
  void badUsageExitsTwoWithAMessage() throws Exception {
    Proc p = vigil(Map.of(), ROOT, "inspect");
    assertEquals(2, p.code());
    assertTrue(p.err().contains("<ruleset.vrs>"), p.err());
  }
}
