package org.vigil.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** What an in-process {@code vigil} command gave: exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {

  /** Runs {@code vigil args...} in this JVM, capturing both streams. */
  static CliRun of(String... args) {
    CommandLine cl = Vigil.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
