package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VigilTest {

  @Test
  void helpListsEverySubcommandOfTheContract() {
    CliRun r = CliRun.of("--help");
    assertEquals(0, r.code());
    for (String sub : new String[] {"compile", "run", "inspect", "alerts"}) {
      assertTrue(r.out().contains(sub), "help lacks " + sub + ":\n" + r.out());
    }
  }

  @Test
  void versionNamesVigilAndTheJdk() {
    CliRun r = CliRun.of("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("vigil "), r.out());
    assertTrue(r.out().contains("JDK " + System.getProperty("java.version")), r.out());
  }

  @Test
  void unknownOptionIsBadUsage() {
    CliRun r = CliRun.of("alerts", "logs", "--no-such-flag");
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("--no-such-flag"), r.err());
  }

  @Test
  void missingSubcommandIsBadUsage() {
    assertEquals(Vigil.EXIT_USAGE, CliRun.of().code());
  }

  @Test
  void runNeedsExactlyOneSource() {
    CliRun r = CliRun.of("run", "-r", "a.pcap", "-q", "3", "-l", "out");
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("mutually exclusive"), r.err());
  }
}
