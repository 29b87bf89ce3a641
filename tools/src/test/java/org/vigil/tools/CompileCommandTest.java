package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.Json;

class CompileCommandTest {
  @TempDir Path dir;

  /** Top-level numbers of the report. */
  private static Map<String, Long> numbers(Path report) throws IOException {
    Map<String, Long> m = new HashMap<>();
    Json.readObject(report)
        .forEach(
            (name, v) -> {
              if (v instanceof Long n) {
                m.put(name, n);
              }
            });
    return m;
  }

  @Test
  void checkReportsEachBadRuleOnceWithCaretAndWritesTheReport() throws IOException {
    Path rules = dir.resolve("local.rules");
    Files.writeString(
        rules,
        """
        # two good rules, two bad ones
        alert tcp any any -> any 80 (msg:"ok"; content:"GET"; http_method; sid:1; rev:1;)
        alert tcp any any -> any 80 (msg:"bad depth"; content:"abcdef"; depth:3; sid:2;)
        alert udp $HOME_NET any -> any 53 (msg:"multi \\
          line"; content:"|01 00|"; offset:2; sid:3;)
        alert tcp any any -> any any (msg:"unknown"; frobnicate:1; sid:4;)
        """);
    Path report = dir.resolve("r.json");
    CliRun r =
        CliRun.of("compile", "-S", rules.toString(), "--check", "--report", report.toString());
    assertEquals(1, r.code(), "a check with failed rules fails: " + r.err());
    assertTrue(
        r.err()
            .contains(
                rules
                    + ":3:71: depth:3 is smaller than the content length 6\n"
                    + "    alert tcp any any -> any 80 (msg:\"bad depth\"; content:\"abcdef\"; depth:3; sid:2;)\n"
                    + "    "
                    + " ".repeat(70)
                    + "^"),
        r.err());
    assertTrue(r.err().contains(rules + ":6:46: unknown keyword 'frobnicate'"), r.err());
    assertTrue(r.err().contains("4 rules read, 2 loaded, 2 failed"), r.err());
    assertTrue(r.out().contains("4 rules checked: 2 loaded, 2 failed"), r.out());
    assertEquals(
        Map.of("rules_total", 4L, "rules_loaded", 2L, "rules_failed", 2L), numbers(report));
    String json = Files.readString(report);
    assertTrue(json.contains("\"sid\" : 2"), json);
    assertTrue(json.contains("\"line\" : 3"), json);
    assertTrue(json.contains("\"message\" : \"unknown keyword 'frobnicate'\""), json);
  }

  @Test
  void communityRulesLoadLikeSuricata() throws IOException {
    Path corpus = Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"));
    Path community = corpus.resolve("rules/snort-community");
    Assumptions.assumeTrue(Files.isDirectory(community), "corpus not found at " + community);
    Path report = dir.resolve("community.json");
    CliRun r =
        CliRun.of("compile", "-S", community.toString(), "--check", "--report", report.toString());
    assertEquals(1, r.code(), "26 rules fail: " + r.err());
    assertEquals(
        Map.of("rules_total", 3200L, "rules_loaded", 3174L, "rules_failed", 26L), numbers(report));
    assertTrue(r.err().contains("community.rules:2671:"), r.err());
  }

  @Test
  void setOverridesVariables() throws IOException {
    Path rules = dir.resolve("sip.rules");
    Files.writeString(rules, "alert udp any any -> $SIP_SERVERS 5060 (msg:\"x\"; sid:7;)\n");
    CliRun without = CliRun.of("compile", "-S", rules.toString(), "--check");
    assertTrue(without.err().contains("variable $SIP_SERVERS is not defined"), without.err());
    CliRun with =
        CliRun.of(
            "compile",
            "-S",
            rules.toString(),
            "--check",
            "--set",
            "vars.address-groups.SIP_SERVERS=any");
    assertTrue(with.out().contains("1 rules checked: 1 loaded, 0 failed"), with.out() + with.err());
  }

  @Test
  void unreadableInputIsExit2() {
    CliRun r = CliRun.of("compile", "-S", dir.resolve("nope.rules").toString(), "--check");
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("nope.rules: no such file or folder"), r.err());
  }

  @Test
  void badConfigKeyIsExit2AndNamed() throws IOException {
    Path rules = dir.resolve("a.rules");
    Files.writeString(rules, "alert tcp any any -> any any (msg:\"x\"; sid:1;)\n");
    CliRun r =
        CliRun.of(
            "compile", "-S", rules.toString(), "--check", "--set", "checksums.validate=perhaps");
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("checksums.validate"), r.err());
  }

  @Test
  void outputWritesTheArtifactAndReportsBackEndRejections() throws IOException {
    Path rules = dir.resolve("a.rules");
    Files.writeString(
        rules,
        "alert tcp any any -> any any (msg:\"x\"; content:\"abc\"; sid:1;)\n"
            + "alert tcp any any -> any any (msg:\"y\"; sip_method:invite; sid:2;)\n");
    Path report = dir.resolve("r.json");
    CliRun r =
        CliRun.of(
            "compile",
            "-S",
            rules.toString(),
            "-o",
            dir.resolve("x.vrs").toString(),
            "--report",
            report.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("1 rules compiled into"), r.out());
    assertTrue(
        r.err().contains("a.rules:2:") && r.err().contains("sip_method is not supported"), r.err());
    assertTrue(Files.size(dir.resolve("x.vrs")) > 0);
    assertEquals(1L, numbers(report).get("rules_failed"));
  }
}
