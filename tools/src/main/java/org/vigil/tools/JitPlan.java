package org.vigil.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vigil.config.ConfigException;

/**
 * The JIT compiler flags the launcher gives a {@code vigil run}, by where its packets come from.
 *
 * <p>On a sensor's core the compiler threads take the CPU the packet threads need, and C2's work
 * grows with how much it inlines: the app-layer parsers, the flow inspector and the alert output
 * are long methods whose inline trees reach 6–10 KB of bytecode and 50–70 KB of machine code, each
 * such compilation taking C2 half a second. The plan bounds what C2 inlines, and a capture run also
 * delays C2 until methods are hotter.
 */
record JitPlan(List<String> flags) {

  /** The compiler directives file the launcher passes, relative to Vigil's home. */
  static final Path DIRECTIVES = Path.of("config", "jit-directives.json");

  /**
   * C2 inlines a hot callee only up to 100 bytes of bytecode (the JVM's default: 325): the long
   * parser and output methods are called, not copied into every caller's compilation.
   */
  static final List<String> INLINING = List.of("-XX:FreqInlineSize=100");

  /**
   * C2's (tier 4) compile thresholds at three times the JVM's for capture runs: only the total work
   * counts there, and C2 otherwise keeps compiling lukewarm methods to the run's end.
   */
  static final List<String> CAPTURE_THRESHOLDS =
      List.of(
          "-XX:Tier4InvocationThreshold=15000",
          "-XX:Tier4MinInvocationThreshold=1800",
          "-XX:Tier4CompileThreshold=45000",
          "-XX:Tier4BackEdgeThreshold=120000");

  /**
   * The plan for a run reading from {@code source} with Vigil installed in {@code home} (null: not
   * known, no directives file): every run gets the inlining bound and the directives file if the
   * installation has one; capture runs also the raised C2 thresholds, while live and inline runs
   * keep the JVM's, so that a live warm-up leaves the hot paths compiled by C2 before the sockets
   * open. The JVM's own reports (the count of directives it installed) go to standard error, so
   * that a run's standard output is Vigil's alone.
   */
  static JitPlan forRun(GcPlan.Source source, Path home) {
    List<String> flags = new ArrayList<>(INLINING);
    switch (source) {
      case CAPTURE -> flags.addAll(CAPTURE_THRESHOLDS);
      case LIVE, INLINE -> {}
    }
    if (home != null && Files.isRegularFile(home.resolve(DIRECTIVES))) {
      checkDirectives(home.resolve(DIRECTIVES));
      flags.add("-XX:+UnlockDiagnosticVMOptions");
      flags.add("-XX:CompileCommand=quiet");
      flags.add("-XX:+DisplayVMOutputToStderr");
      flags.add("-XX:CompilerDirectivesFile=" + home.resolve(DIRECTIVES).toAbsolutePath());
    }
    return new JitPlan(List.copyOf(flags));
  }

  /**
   * Refuses a directives file the JVM would not start with (damaged or emptied installation): the
   * JVM then only says "Could not create the Java Virtual Machine" and exits 1; this names the file
   * and the fault instead (exit 2, as for any bad configuration). HotSpot's directives are JSON
   * with comments and unquoted keys: one directive object or an array of them.
   */
  static void checkDirectives(Path file) {
    JsonFactory json =
        JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();
    try (JsonParser p = json.createParser(file.toFile())) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_ARRAY && first != JsonToken.START_OBJECT) {
        throw new ConfigException(
            file
                + ": not compiler directives (want a JSON array or object of directives, found "
                + (first == null ? "nothing" : first.asString() == null ? first : first.asString())
                + "); reinstall Vigil or delete the file to run without it");
      }
      p.skipChildren();
      if (p.nextToken() != null) {
        throw new ConfigException(
            file
                + ": not compiler directives (text after the directives, line "
                + p.currentLocation().getLineNr()
                + "); reinstall Vigil or delete the file to run without it");
      }
    } catch (IOException e) {
      throw new ConfigException(
          file
              + ": not compiler directives ("
              + e.getMessage().lines().findFirst().orElse("unreadable")
              + "); reinstall Vigil or delete the file to run without it",
          e);
    }
  }

  /** The flags as the launcher reads them, separated by tabs (a home's path may hold spaces). */
  String line() {
    return String.join("\t", flags);
  }
}
