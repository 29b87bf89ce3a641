package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil run} over the bundled demo: the alerts, EVE http records and output pipes a user
 * sees.
 */
class RunCommandTest {
  static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();
  static final Path DEMO = ROOT.resolve("rules/demo");

  @TempDir Path dir;

  private static TreeSet<Long> sids(String eve) {
    TreeSet<Long> s = new TreeSet<>();
    Matcher m = Pattern.compile("\"signature_id\":(\\d+)").matcher(eve);
    while (m.find()) {
      s.add(Long.parseLong(m.group(1)));
    }
    return s;
  }

  @Test
  void demoGivesItsFiveAlertsInEveFastLogAndTheAlertLog() throws Exception {
    Path logs = dir.resolve("logs");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            DEMO.resolve("demo.pcap").toString(),
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-l",
            logs.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("5 alerts"), r.err());
    String eve = Files.readString(logs.resolve("eve.json"));
    assertEquals(
        new TreeSet<>(List.of(9000001L, 9000002L, 9000003L, 9000004L, 9000005L)), sids(eve));
    // the traversal URI was split over three segments: the alert carries the reassembled URL
    assertTrue(eve.contains("\"url\":\"/cgi-bin/view?file=../../etc/passwd\""), eve);
    assertEquals(2, eve.lines().filter(l -> l.contains("\"event_type\":\"http\"")).count(), eve);
    assertEquals(5, Files.readAllLines(logs.resolve("fast.log")).size());
    CliRun again = CliRun.of("alerts", logs.toString(), "--format", "fast");
    assertEquals(0, again.code(), again.err());
    assertEquals(5, again.out().lines().count(), again.out());
    assertTrue(
        again.out().contains("[1:9000002:1] VIGIL-DEMO WEB passwd file contents returned"),
        again.out());
    String stats = Files.readString(logs.resolve("stats.json"));
    assertTrue(
        stats.matches(
            "(?s).*\"threading\":\\{\"runmode\":\"single\",\"threads\":\\{\"main\":\\{\"packets\":\\d+,"
                + "\"stopped_by_module\":0,\"module_errors\":0,\"cpu_ms\":\\d+\\}.*"),
        "the one thread's packets, module errors and CPU time: " + stats);
  }

  @Test
  void workersAndAutofpGiveTheDemoAlertsWithPerThreadStats() throws Exception {
    for (String mode : List.of("workers", "autofp")) {
      Path logs = dir.resolve("logs-" + mode);
      CliRun r =
          CliRun.of(
              "run",
              "-r",
              DEMO.resolve("demo.pcap").toString(),
              "-S",
              DEMO.resolve("demo.rules").toString(),
              "-l",
              logs.toString(),
              "--runmode",
              mode,
              "--threads",
              "2");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.err().contains("(" + mode + ", 2 worker threads); 5 alerts"), r.err());
      String eve = Files.readString(logs.resolve("eve.json"));
      assertEquals(
          new TreeSet<>(List.of(9000001L, 9000002L, 9000003L, 9000004L, 9000005L)), sids(eve));
      assertEquals(5, Files.readAllLines(logs.resolve("fast.log")).size());
      CliRun again = CliRun.of("alerts", logs.toString(), "--format", "fast");
      assertEquals(5, again.out().lines().count(), again.out());
      String stats = Files.readString(logs.resolve("stats.json"));
      assertTrue(stats.contains("\"W#1\":{\"packets\":"), stats);
      if (mode.equals("workers")) {
        // each worker reads the capture itself: it decodes every frame and runs its share
        long frames =
            org.vigil.testing.StatsJson.number(
                org.vigil.testing.StatsJson.read(logs.resolve("stats.json")), "stats.decoder.pkts");
        assertTrue(
            stats.matches("(?s).*\"W#2\":\\{\"packets\":\\d+,\"frames_decoded\":" + frames + ",.*"),
            stats);
        assertTrue(stats.contains("\"capture_reader\":\"every worker\""), stats);
        assertFalse(stats.contains("\"RX\""), "no reader thread: " + stats);
      } else {
        assertTrue(stats.contains("\"W#2.in\":{\"capacity\":4096"), stats);
        assertTrue(
            stats.matches("(?s).*\"RX\":\\{\"packets\":\\d+,\"decoded\":\\d+,\"cpu_ms\":\\d+\\}.*"),
            stats);
      }
      assertTrue(
          stats.matches("(?s).*\"W#2\":\\{[^}]*\"cpu_ms\":\\d+.*"),
          "each worker's CPU time: " + stats);
    }
  }

  @Test
  void unknownRunModeIsBadUsageNamingIt() {
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            DEMO.resolve("demo.pcap").toString(),
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-l",
            dir.resolve("logs").toString(),
            "--runmode",
            "fastest");
    assertEquals(2, r.code());
    assertTrue(
        r.err().contains("--runmode: unknown run mode 'fastest' (single, workers, autofp, custom)"),
        r.err());
  }

  @Test
  void compiledRulesetGivesTheSameAlertsAsRulesCompiledInMemory() throws Exception {
    Path vrs = dir.resolve("demo.vrs");
    CliRun c =
        CliRun.of("compile", "-S", DEMO.resolve("demo.rules").toString(), "-o", vrs.toString());
    assertEquals(0, c.code(), c.err());
    Path logs = dir.resolve("logs");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            DEMO.resolve("demo.pcap").toString(),
            "--ruleset",
            vrs.toString(),
            "-l",
            logs.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(5, sids(Files.readString(logs.resolve("eve.json"))).size());
  }

  @Test
  void userAgentsStreamToAnOutputPipe() throws Exception {
    Path uas = dir.resolve("uas.txt");
    Path yaml = dir.resolve("vigil.yaml");
    Files.writeString(
        yaml,
        "outputs:\n  pipes:\n    - field: http.user_agent\n      command: \"cat > '"
            + uas
            + "'\"\n");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            DEMO.resolve("demo.pcap").toString(),
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-l",
            dir.resolve("logs").toString(),
            "-c",
            yaml.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("demo-browser/1.0", "curl/8.0"), Files.readAllLines(uas));
  }

  @Test
  void userAgentsOfZeekHttpCapturesReachThePipeAsTsharkSeesThem() throws Exception {
    Path zeek =
        Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"))
            .resolve("pcaps/zeek/http");
    Assumptions.assumeTrue(Files.isDirectory(zeek), "corpus not found at " + zeek);
    Assumptions.assumeTrue(
        new ProcessBuilder("sh", "-c", "command -v tshark").start().waitFor() == 0,
        "tshark is not installed (bin/setup installs it)");
    Path captures = Files.createDirectories(dir.resolve("captures"));
    List<String> expected = new java.util.ArrayList<>();
    for (String name : List.of("cooper-grill-dvwa.pcapng", "flash-version.pcap", "get.pcap")) {
      Files.createSymbolicLink(captures.resolve(name), zeek.resolve(name).toAbsolutePath());
      Process t =
          new ProcessBuilder(
                  "tshark",
                  "-r",
                  zeek.resolve(name).toString(),
                  "-Y",
                  "http.request",
                  "-T",
                  "fields",
                  "-e",
                  "http.user_agent")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      expected.addAll(
          new String(t.getInputStream().readAllBytes()).lines().filter(l -> !l.isBlank()).toList());
      t.waitFor();
    }
    Path uas = dir.resolve("uas.txt");
    Path yaml = dir.resolve("vigil.yaml");
    Files.writeString(
        yaml,
        "outputs:\n  pipes:\n    - field: http.user_agent\n      command: \"cat > '"
            + uas
            + "'\"\n");
    Path rules = dir.resolve("none.rules");
    Files.writeString(
        rules,
        "alert tcp any any -> any 80 (msg:\"never\"; content:\"no-such-bytes-anywhere\"; sid:1;)\n");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            captures.toString(),
            "-S",
            rules.toString(),
            "-l",
            dir.resolve("logs").toString(),
            "-c",
            yaml.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(5, expected.size(), expected.toString());
    assertEquals(expected, Files.readAllLines(uas));
  }

  @Test
  void missingCaptureIsBadUsageNamingIt() {
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            dir.resolve("nope.pcap").toString(),
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-l",
            dir.resolve("logs").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("nope.pcap"), r.err());
  }

  @Test
  void badConfigKeyIsNamed() {
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            DEMO.resolve("demo.pcap").toString(),
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-l",
            dir.resolve("logs").toString(),
            "--set",
            "host-os-policy.default=plan9");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("host-os-policy.default"), r.err());
  }

  @Test
  void queueNumberOutOfRangeIsBadUsageNamingIt() {
    CliRun r =
        CliRun.of(
            "run",
            "-q",
            "70000",
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-l",
            dir.resolve("logs").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err().contains("-q 70000: expected a queue number 0..65535 or a range A:B"), r.err());
  }

  @Test
  void pcapLogIsRefusedInlineNamingTheKey() throws Exception {
    Path yaml = dir.resolve("vigil.yaml");
    Files.writeString(yaml, "outputs:\n  pcap-log: {enabled: yes}\n");
    CliRun r =
        CliRun.of(
            "run",
            "-q",
            "3",
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-l",
            dir.resolve("logs").toString(),
            "-c",
            yaml.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err()
            .contains(
                "outputs.pcap-log: written by runs over capture files (-r); run -q does not write it"),
        r.err());
  }

  @Test
  void demoAlertsLandInThePcapLog() throws Exception {
    Path yaml = dir.resolve("vigil.yaml");
    Files.writeString(yaml, "outputs:\n  pcap-log: {enabled: yes, conditional: alerts}\n");
    Path logs = dir.resolve("logs");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            DEMO.resolve("demo.pcap").toString(),
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-l",
            logs.toString(),
            "-c",
            yaml.toString(),
            "--runmode",
            "autofp",
            "--threads",
            "2");
    assertEquals(0, r.code(), r.err());
    java.util.Set<String> cnts = new java.util.TreeSet<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"pcap_cnt\":(\\d+),\"event_type\":\"alert\"")
            .matcher(Files.readString(logs.resolve("eve.json")));
    while (m.find()) {
      cnts.add(m.group(1));
    }
    // five alerts on four packets: the curl request with the traversal raises 9000001 and 9000003
    assertEquals(5, sids(Files.readString(logs.resolve("eve.json"))).size());
    assertEquals(4, cnts.size(), Files.readString(logs.resolve("eve.json")));
    // the pcap log's frames are demo.pcap's records with those numbers, in the capture's own order
    // here
    Process t =
        new ProcessBuilder(
                "tshark",
                "-r",
                logs.resolve("log.pcap").toString(),
                "-T",
                "fields",
                "-e",
                "frame.time_epoch")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Assumptions.assumeTrue(t.waitFor() == 0, "tshark is not installed (bin/setup installs it)");
    java.util.List<String> logged =
        new String(t.getInputStream().readAllBytes()).lines().sorted().toList();
    Process all =
        new ProcessBuilder(
                "tshark",
                "-r",
                DEMO.resolve("demo.pcap").toString(),
                "-T",
                "fields",
                "-e",
                "frame.number",
                "-e",
                "frame.time_epoch")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    java.util.List<String> expected =
        new String(all.getInputStream().readAllBytes())
            .lines()
            .map(l -> l.split("\t"))
            .filter(f -> cnts.contains(f[0]))
            .map(f -> f[1])
            .sorted()
            .toList();
    all.waitFor();
    assertEquals(expected, logged);
  }
}
