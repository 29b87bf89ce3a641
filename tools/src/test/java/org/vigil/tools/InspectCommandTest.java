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
        alert udp any any -> any 53 (msg:"dns"; dsize:>100; sid:12;)
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
