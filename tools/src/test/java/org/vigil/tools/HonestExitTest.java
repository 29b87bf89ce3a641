package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes and messages of bad input a user can give {@code vigil run}/{@code compile}:
 * unreadable captures, a log folder that cannot be one, mistyped configuration keys, a bad address
 * variable, a rule with a missing quote.
 */
class HonestExitTest {
  static final Path DEMO = RunCommandTest.DEMO;

  @TempDir Path dir;

  private CliRun run(Path capture, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-r",
                capture.toString(),
                "-S",
                DEMO.resolve("demo.rules").toString(),
                "-l",
                dir.resolve("logs").toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static void usage(CliRun r, String expected) {
    assertEquals(Vigil.EXIT_USAGE, r.code(), r.err());
    assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    assertFalse(r.err().contains("null") || r.err().contains("\tat "), r.err());
  }

  @Test
  void aRunWhoseOnlyInputIsUnreadableIsBadInput() throws Exception {
    Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
    usage(run(empty), "the capture could not be read");
    Path text = Files.writeString(dir.resolve("notes.pcap"), "GET / HTTP/1.1\r\n\r\n");
    usage(run(text), "the capture could not be read");
    Path magic =
        Files.write(
            dir.resolve("magic.pcap"),
            new byte[] {
              1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            });
    usage(run(magic), "the capture could not be read");
    Path folder = Files.createDirectories(dir.resolve("bad"));
    Files.copy(empty, folder.resolve("a.pcap"));
    Files.copy(text, folder.resolve("b.pcap"));
    usage(run(folder), "none of the 2 captures could be read");
    Files.copy(DEMO.resolve("demo.pcap"), folder.resolve("c.pcap"));
    CliRun mixed = run(folder);
    assertEquals(0, mixed.code(), "one readable capture among bad ones is a run: " + mixed.err());
    assertTrue(mixed.err().contains("5 alerts"), mixed.err());
  }

  @Test
  void aLogFolderThatCannotBeOneIsBadUsageWithTheReason() throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    usage(
        CliRun.of(
            "run",
            "-r",
            DEMO.resolve("demo.pcap").toString(),
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-l",
            file.toString()),
        "-l " + file + ": not a folder");
    usage(
        CliRun.of(
            "run",
            "-r",
            DEMO.resolve("demo.pcap").toString(),
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-l",
            file.resolve("sub").toString()),
        "cannot create the folder");
    Path locked = Files.createDirectories(dir.resolve("locked"));
    if (locked.toFile().setWritable(false, false)
        && !Files.isWritable(locked)) { // root may write anywhere
      usage(
          CliRun.of(
              "run",
              "-r",
              DEMO.resolve("demo.pcap").toString(),
              "-S",
              DEMO.resolve("demo.rules").toString(),
              "-l",
              locked.toString()),
          "cannot write into the folder: permission denied");
    }
  }

  @Test
  void aMistypedKeyIsAnErrorNamingTheNearestKnownKey() throws Exception {
    usage(
        run(DEMO.resolve("demo.pcap"), "--set", "stream.reasembly.depth=2mb"),
        "--set stream.reasembly.depth: unknown key 'stream.reasembly.depth' (did you mean 'stream.reassembly.depth'?)");
    usage(
        CliRun.of(
            "compile",
            "--check",
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "--set",
            "checksums.validat=yes"),
        "did you mean 'checksums.validate'?");
    Path yaml = Files.writeString(dir.resolve("vigil.yaml"), "stream:\n  midstrem: true\n");
    usage(
        run(DEMO.resolve("demo.pcap"), "-c", yaml.toString()),
        "unknown key 'stream.midstrem' (did you mean 'stream.midstream'?)");
    // sections of suricata.yaml that Vigil does not implement: one warning, and the run goes on
    Path suricata =
        Files.writeString(
            dir.resolve("suricata.yaml"),
            "af-packet:\n  - interface: eth0\nlogging:\n  default-log-level: notice\nstream:\n  midstream: false\n");
    CliRun r = run(DEMO.resolve("demo.pcap"), "-c", suricata.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.err().lines().filter(l -> l.contains("does not implement")).count(), r.err());
    // af-packet is read (by run -i), so only logging is ignored
    assertTrue(r.err().contains("are ignored: logging"), r.err());
  }

  @Test
  void aBadAddressVariableIsOneConfigError() {
    CliRun r =
        run(DEMO.resolve("demo.pcap"), "--set", "vars.address-groups.HOME_NET=[10.0.0.0/33]");
    usage(r, "variable $HOME_NET");
    assertEquals(
        1,
        r.err().split("\\$HOME_NET \\(vars", -1).length - 1,
        "reported once, not per rule: " + r.err());
    assertFalse(
        r.err().contains("rules read"), "no rule is compiled with a bad variable: " + r.err());
    CliRun c =
        CliRun.of(
            "compile",
            "--check",
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "--set",
            "vars.port-groups.HTTP_PORTS=70000");
    usage(
        c,
        "variable $HTTP_PORTS (vars.port-groups.HTTP_PORTS: \"70000\"): port 70000 is out of range");
  }

  @Test
  void aRuleWithAMissingQuoteIsRejectedWhereTheOptionEnds() throws Exception {
    Path rules =
        Files.writeString(
            dir.resolve("q.rules"),
            "alert tcp any any -> any any (msg:\"x; content:\"GET\"; sid:1;)\n"
                + "alert tcp any any -> any any (msg:\"semi\\; escaped \\\" and \\\\\"; content:\"passwd\"; sid:2;)\n");
    CliRun c = CliRun.of("compile", "--check", "-S", rules.toString());
    assertEquals(1, c.code(), "one rule fails the check: " + c.err());
    assertTrue(c.err().contains(rules + ":1:37: bad option value formatting"), c.err());
    assertTrue(c.out().contains("2 rules checked: 1 loaded, 1 failed"), c.out());
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            DEMO.resolve("demo.pcap").toString(),
            "-S",
            rules.toString(),
            "-l",
            dir.resolve("logs").toString());
    assertEquals(0, r.code(), r.err());
    String eve = Files.readString(dir.resolve("logs/eve.json"));
    assertFalse(eve.contains("\"signature_id\":1,"), "the broken rule never fires: " + eve);
    assertTrue(eve.contains("\"signature\":\"semi; escaped \\\" and \\\\\""), eve);
  }
}
