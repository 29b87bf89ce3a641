package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VigilTest {

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cl = Vigil.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void helpListsEverySubcommandOfTheContract() {
    Result r = run("--help");
    assertEquals(0, r.code());
    for (String sub : new String[] {"compile", "run", "inspect", "alerts"}) {
      assertTrue(r.out().contains(sub), "help lacks " + sub + ":\n" + r.out());
    }
  }

  @Test
  void versionNamesVigilAndTheJdk() {
    Result r = run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("vigil "), r.out());
    assertTrue(r.out().contains("JDK " + System.getProperty("java.version")), r.out());
  }

  @Test
  void unknownOptionIsBadUsage() {
    Result r = run("alerts", "logs", "--no-such-flag");
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("--no-such-flag"), r.err());
  }

  @Test
  void missingSubcommandIsBadUsage() {
    assertEquals(Vigil.EXIT_USAGE, run().code());
  }

  @Test
  void runNeedsExactlyOneSource() {
    Result r = run("run", "-r", "a.pcap", "-q", "3", "-l", "out");
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("mutually exclusive"), r.err());
  }
}
