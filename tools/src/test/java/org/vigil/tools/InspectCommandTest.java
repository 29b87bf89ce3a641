package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path dir;

  private Path compile() throws IOException {
    Path rules = dir.resolve("a.rules");
    Files.writeString(
        rules,
        """
        alert tcp any any -> any 80 (msg:"admin"; flow:to_server,established; content:"/admin"; http_uri; sid:10; rev:2;)
        alert tcp any any -> any any (msg:"tls"; content:"|16 03|"; depth:2; sid:11;)
        alert udp any any -> any 53 (msg:"dns"; dsize:>100; threshold: type limit, track by_src, count 1, seconds 60; sid:12;)
        alert ip [198.51.100.7,203.0.113.0/24] any -> any any (msg:"reputation"; sid:13;)
        """);
    Path vrs = dir.resolve("x.vrs");
    CliRun r = CliRun.of("compile", "-S", rules.toString(), "-o", vrs.toString());
    assertEquals(0, r.code(), r.err());
    return vrs;
  }

  @Test
  void groupsListRuleCountsAndFastPatterns() throws IOException {
    CliRun r = CliRun.of("inspect", compile().toString(), "--groups");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ruleset: 4 rules"), r.out());
    assertTrue(
        r.out().contains("group tcp any port") && r.out().contains("1 keyed by source address"),
        "an IP-reputation rule is a candidate only for its addresses\n" + r.out());
    assertTrue(r.out().contains("group tcp dst port 80"), r.out());
    assertTrue(r.out().contains("http_uri:\"/admin\""), r.out());
    assertTrue(r.out().contains("pkt_data:\"|16||03|\""), r.out());
    assertTrue(
        r.out().contains("group udp dst port 53") && r.out().contains("1 always candidates"),
        r.out());
  }

  @Test
  void sidShowsTheRuleItsIrAndItsGeneratedCode() throws IOException {
    CliRun r = CliRun.of("inspect", compile().toString(), "--sid", "10");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("1:10:2  alert  \"admin\""), r.out());
    assertTrue(r.out().contains("Content[pos="), r.out());
    assertTrue(r.out().contains("INVOKESTATIC org/vigil/detect/api/Primitives.find"), r.out());
    CliRun b = CliRun.of("inspect", compile().toString(), "--sid", "10", "--bytecode");
    assertTrue(b.out().contains("implements org/vigil/detect/api/RuleMatcher"), b.out());
  }

  @Test
  void sidWithAThresholdFileShowsWhatAppliesAndWhatIsIgnored() throws IOException {
    Path vrs = compile();
    CliRun own = CliRun.of("inspect", vrs.toString(), "--sid", "12");
    assertTrue(
        own.out()
            .contains(
                "thresholds:\n  threshold gen_id 1, sig_id 12, type limit, track by_src, count 1, seconds 60  [rule]"),
        own.out());
    Path th =
        Files.writeString(
            dir.resolve("threshold.config"),
            """
            threshold gen_id 0, sig_id 0, type both, track by_rule, count 2, seconds 5
            suppress gen_id 1, sig_id 12, track by_either, ip 10.0.0.0/8
            event_filter gen_id 1, sig_id 12, type threshold, track by_dst, count 3, seconds 9
            """);
    CliRun r =
        CliRun.of("inspect", vrs.toString(), "--sid", "12", "--threshold-file", th.toString());
    assertEquals(0, r.code(), r.err());
    String file = th.toString();
    assertTrue(
        r.out()
            .contains(
                "thresholds (threshold file "
                    + file
                    + "):\n"
                    + "  suppress gen_id 1, sig_id 12, track by_either, ip 10.0.0.0/8  ["
                    + file
                    + ":2]\n"
                    + "  threshold gen_id 1, sig_id 12, type threshold, track by_dst, count 3, seconds 9  ["
                    + file
                    + ":3]\n"
                    + "  ignored: threshold gen_id 0, sig_id 0, type both, track by_rule, count 2, seconds 5  ["
                    + file
                    + ":1, the rule has a threshold already]\n"
                    + "  ignored: threshold gen_id 1, sig_id 12, type limit, track by_src, count 1, seconds 60  [rule, replaced by the threshold file]"),
        r.out());
    CliRun other =
        CliRun.of("inspect", vrs.toString(), "--sid", "11", "--threshold-file", th.toString());
    assertTrue(
        other.out().contains("type both, track by_rule, count 2, seconds 5  [" + file + ":1]"),
        other.out());
    Path bad = Files.writeString(dir.resolve("bad.config"), "suppress gen_id 1\n");
    CliRun b =
        CliRun.of("inspect", vrs.toString(), "--sid", "11", "--threshold-file", bad.toString());
    assertEquals(2, b.code());
    assertTrue(b.err().contains(bad + ":1: missing sig_id"), b.err());
  }

  @Test
  void unknownSidAndBadFileAreUsageErrors() throws IOException {
    assertEquals(
        Vigil.EXIT_USAGE, CliRun.of("inspect", compile().toString(), "--sid", "999").code());
    Path bad = dir.resolve("bad.vrs");
    Files.writeString(bad, "not a ruleset");
    CliRun r = CliRun.of("inspect", bad.toString());
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("not a Vigil ruleset"), r.err());
  }
}
