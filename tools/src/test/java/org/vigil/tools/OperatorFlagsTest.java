package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Suricata operator's flags: -T, --init-errors-fatal, -s with the config's rule-files, -k,
 * --dump-config, --build-info, --list-keywords, --list-runmodes, and compile --check's exit code.
 */
class OperatorFlagsTest {
  static final Path SMTP = AlertedRouterTest.CORPUS.resolve("pcaps/zeek/smtp.pcap");
  static final String GOOD = "alert ip any any -> any any (msg:\"ip\"; sid:1;)\n";
  static final String BAD = "alert tcp any any -> any any (msg:\"x\"; frobnicate; sid:2;)\n";

  @TempDir Path dir;

  @Test
  void testModeExitsZeroWhenAllLoadsAndOneOnAnyError() throws IOException {
    Path good = Files.writeString(dir.resolve("good.rules"), GOOD);
    Path bad = Files.writeString(dir.resolve("bad.rules"), GOOD + BAD);
    CliRun ok = CliRun.of("run", "-T", "-S", good.toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.err().contains("successfully loaded (-T)"), ok.err());
    CliRun rule = CliRun.of("run", "-T", "-S", bad.toString());
    assertEquals(1, rule.code(), rule.err());
    assertTrue(rule.err().contains("bad.rules:2:40: unknown keyword 'frobnicate'"), rule.err());
    CliRun config = CliRun.of("run", "-T", "-S", good.toString(), "--set", "stream.midstrem=yes");
    assertEquals(1, config.code(), "a config error is 1 with -T, as Suricata: " + config.err());
    Path th = Files.writeString(dir.resolve("t.config"), "suppress gen_id 1, sig_id x\n");
    CliRun threshold =
        CliRun.of("run", "-T", "-S", good.toString(), "--set", "threshold-file=" + th);
    assertEquals(1, threshold.code());
    assertTrue(threshold.err().contains(th + ":1: sig_id is not a number: 'x'"), threshold.err());
    Path binary = Files.write(dir.resolve("b.config"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    CliRun notText =
        CliRun.of("run", "-T", "-S", good.toString(), "--set", "threshold-file=" + binary);
    assertEquals(1, notText.code());
    assertTrue(notText.err().contains("not a text file (not UTF-8)"), notText.err());
  }

  @Test
  void initErrorsFatalStopsARunWithABadRule() throws IOException {
    assumeTrue(Files.isRegularFile(SMTP));
    Path bad = Files.writeString(dir.resolve("bad.rules"), GOOD + BAD);
    Path logs = dir.resolve("logs");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            SMTP.toString(),
            "-S",
            bad.toString(),
            "-l",
            logs.toString(),
            "--init-errors-fatal");
    assertEquals(1, r.code(), r.err());
    assertFalse(Files.exists(logs.resolve("eve.json")), "nothing ran");
    CliRun without =
        CliRun.of("run", "-r", SMTP.toString(), "-S", bad.toString(), "-l", logs.toString());
    assertEquals(0, without.code(), "without the flag the good rule runs: " + without.err());
  }

  @Test
  void setPicksEveTypesAsAListAndABadTypeIsAUsageError() throws IOException {
    assumeTrue(Files.isRegularFile(SMTP));
    Path rules = Files.writeString(dir.resolve("good.rules"), GOOD);
    Path logs = dir.resolve("types");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            SMTP.toString(),
            "-S",
            rules.toString(),
            "-l",
            logs.toString(),
            "--set",
            "outputs.eve-log.types=[alert, smtp]");
    assertEquals(0, r.code(), r.err());
    List<String> kinds =
        Files.readAllLines(logs.resolve("eve.json")).stream()
            .map(l -> l.replaceAll(".*\"event_type\":\"([a-z]+)\".*", "$1"))
            .distinct()
            .sorted()
            .toList();
    assertEquals(List.of("alert", "smtp"), kinds);
    CliRun bad =
        CliRun.of(
            "run",
            "-r",
            SMTP.toString(),
            "-S",
            rules.toString(),
            "-l",
            dir.resolve("b").toString(),
            "--set",
            "outputs.eve-log.types=[alert, Frob]");
    assertEquals(2, bad.code(), bad.err());
    assertEquals(
        "vigil run: outputs.eve-log.types: unknown EVE type 'Frob' (alert, flow, drop, stats or a"
            + " protocol: http, …)",
        bad.err().strip());
  }

  @Test
  void addedRuleFilesJoinTheConfiguredOnes() throws IOException {
    assumeTrue(Files.isRegularFile(SMTP));
    Path rulesDir = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rulesDir.resolve("a.rules"), GOOD);
    Path extra =
        Files.writeString(
            dir.resolve("extra.rules"), "alert tcp any any -> any 25 (msg:\"smtp\"; sid:3;)\n");
    Path cfg =
        Files.writeString(
            dir.resolve("suricata.yaml"),
            "default-rule-path: " + rulesDir + "\nrule-files:\n  - a.rules\n");
    Path logs = dir.resolve("logs");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            SMTP.toString(),
            "-c",
            cfg.toString(),
            "-s",
            extra.toString(),
            "-l",
            logs.toString());
    assertEquals(0, r.code(), r.err());
    String eve = Files.readString(logs.resolve("eve.json"));
    assertTrue(eve.contains("\"signature_id\":1,"), "the configured rule file");
    assertTrue(eve.contains("\"signature_id\":3,"), "the -s file");
    CliRun exclusive = CliRun.of("run", "-T", "-c", cfg.toString(), "-S", extra.toString());
    assertTrue(
        exclusive.err().contains("1 rules read"), "-S ignores rule-files: " + exclusive.err());
  }

  @Test
  void checksumModeAndDumpConfig() {
    CliRun none = CliRun.of("run", "--dump-config", "-k", "none", "--set", "stream.midstream=yes");
    assertEquals(0, none.code(), none.err());
    assertTrue(none.out().lines().anyMatch(l -> l.equals("checksums.validate = no")), none.out());
    assertTrue(none.out().lines().anyMatch(l -> l.equals("stream.midstream = yes")), none.out());
    assertTrue(
        none.out().lines().anyMatch(l -> l.equals("vars.address-groups.HOME_NET = any")),
        none.out());
    CliRun all = CliRun.of("run", "--dump-config", "-k", "all");
    assertTrue(all.out().lines().anyMatch(l -> l.equals("checksums.validate = yes")), all.out());
    CliRun bad = CliRun.of("run", "-T", "-k", "some");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("-k must be all or none, not 'some'"), bad.err());
    CliRun noSource = CliRun.of("run", "-S", "x.rules", "-l", "logs");
    assertEquals(2, noSource.code());
    assertTrue(noSource.err().contains("give a packet source"), noSource.err());
  }

  @Test
  void informationFlags() {
    CliRun build = CliRun.of("--build-info");
    assertEquals(0, build.code(), build.err());
    assertTrue(build.out().startsWith("This is Vigil version "), build.out());
    CliRun all = CliRun.of("--list-keywords");
    assertEquals(0, all.code());
    assertTrue(all.out().contains("\n- content\n"), all.out());
    assertTrue(all.out().contains("- modbus_func: Modbus keywords are not supported"), all.out());
    assertEquals("pcre: supported\n", CliRun.of("--list-keywords=pcre").out());
    CliRun unknown = CliRun.of("--list-keywords=contnt");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("(did you mean 'content'?)"), unknown.err());
    CliRun modes = CliRun.of("--list-runmodes");
    assertEquals(0, modes.code());
    assertTrue(modes.out().contains("| PCAP_FILE         | single"), modes.out());
    assertTrue(modes.out().contains("| NFQ "), modes.out());
  }

  @Test
  void compileCheckFailsWhenARuleFails() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.rules"), GOOD + BAD);
    CliRun r = CliRun.of("compile", "--check", "-S", bad.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("2 rules checked: 1 loaded, 1 failed"), r.out());
    Path good = Files.writeString(dir.resolve("good.rules"), GOOD);
    assertEquals(0, CliRun.of("compile", "--check", "-S", good.toString()).code());
  }
}
