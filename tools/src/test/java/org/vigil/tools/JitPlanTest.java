package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jnr.x86asm.Asm;
import jnr.x86asm.Assembler;
import jnr.x86asm.CPU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JIT compiler flags the launcher gives a run, and the directives file it passes the JVM. */
class JitPlanTest {
  @TempDir Path dir;

  private static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();

  @Test
  void captureRunsGetTheInliningBoundAndRaisedC2Thresholds() {
    for (String[] args :
        List.of(
            new String[] {"-r", "x.pcap", "--runmode", "single"},
            new String[] {"-rx.pcap", "--runmode=workers", "--threads=2"})) {
      List<String> flags = JvmOptions.jitFor(args, null).flags();
      assertTrue(flags.contains("-XX:FreqInlineSize=100"), flags.toString());
      assertTrue(flags.contains("-XX:Tier4InvocationThreshold=15000"), flags.toString());
      assertTrue(flags.contains("-XX:Tier4BackEdgeThreshold=120000"), flags.toString());
    }
  }

  @Test
  void liveAndInlineRunsKeepTheJvmsC2Thresholds() {
    for (String[] args :
        List.of(new String[] {"-i", "eth0"}, new String[] {"-q", "0", "--runmode", "workers"})) {
      List<String> flags = JvmOptions.jitFor(args, null).flags();
      assertTrue(flags.contains("-XX:FreqInlineSize=100"), flags.toString());
      assertTrue(flags.stream().noneMatch(f -> f.startsWith("-XX:Tier4")), flags.toString());
    }
  }

  @Test
  void theDirectivesFileIsPassedWhenTheInstallationHasOne() throws Exception {
    String[] run = {"-i", "eth0"};
    assertTrue(
        JvmOptions.jitFor(run, dir).flags().stream()
            .noneMatch(f -> f.startsWith("-XX:CompilerDirectivesFile")),
        "no file, no flag: the JVM would refuse to start");
    Path home = dir.resolve("vigil home");
    Files.createDirectories(home.resolve("config"));
    Files.writeString(home.resolve(JitPlan.DIRECTIVES), "[]");
    JitPlan plan = JvmOptions.jitFor(run, home);
    assertTrue(
        plan.flags()
            .contains("-XX:CompilerDirectivesFile=" + home.resolve("config/jit-directives.json")),
        plan.flags().toString());
    assertTrue(plan.flags().contains("-XX:+UnlockDiagnosticVMOptions"));
    // the launcher splits the line at tabs: the path keeps its space
    assertEquals(plan.flags(), List.of(plan.line().split("\t")));
  }

  @Test
  void aDamagedDirectivesFileIsNamedInsteadOfTheJvmRefusingToStart() throws Exception {
    String[] run = {"-r", "x.pcap"};
    Path file = dir.resolve(JitPlan.DIRECTIVES);
    Files.createDirectories(file.getParent());
    for (String bad : List.of("", "[ { match: [\"*.*\"], ", "42", "[] []")) {
      Files.writeString(file, bad);
      org.vigil.config.ConfigException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              org.vigil.config.ConfigException.class,
              () -> JvmOptions.jitFor(run, dir),
              "accepted: '" + bad + "'");
      assertTrue(
          e.getMessage().startsWith(file + ": not compiler directives (")
              && e.getMessage().endsWith("reinstall Vigil or delete the file to run without it"),
          e.getMessage());
    }
    // the installation's own file, comments and unquoted keys included, passes the check
    JitPlan.checkDirectives(ROOT.resolve(JitPlan.DIRECTIVES));
  }

  @Test
  void theJvmAcceptsTheInstallationsDirectivesAndFlags() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JitPlan.forRun(GcPlan.Source.CAPTURE, ROOT).flags());
    cmd.add("-XX:+PrintCompilation"); // compiles something under the directives
    cmd.add("-version");
    assertTrue(cmd.stream().anyMatch(f -> f.startsWith("-XX:CompilerDirectivesFile=")), "" + cmd);
    Path err = dir.resolve("err");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), Files.readString(err));
    assertEquals("", out, "the JVM's reports stay off a run's standard output");
    String log = Files.readString(err);
    assertTrue(log.contains("compiler directives added"), log);
    assertFalse(log.contains("Parsing of compiler directives failed"), log);
  }

  @Test
  void everyPatternOfTheDirectivesNamesVigilsOrItsLibrariesCode() throws Exception {
    String text = Files.readString(ROOT.resolve(JitPlan.DIRECTIVES));
    Matcher m = Pattern.compile("\"[-+]?([a-z][\\w/$]*)(?:\\*)?\\.[\\w*$]+\"").matcher(text);
    int patterns = 0;
    while (m.find()) {
      String prefix = m.group(1);
      String pkg = prefix.substring(0, prefix.lastIndexOf('/'));
      assertNotNull(
          getClass().getClassLoader().getResource(pkg), pkg + " (from " + m.group() + ") exists");
      patterns++;
    }
    assertTrue(patterns > 0, text);
  }

  /**
   * jnr-ffi's assembler, hot enough while Chronicle's stubs are made, gets its 7,914-byte {@code
   * _emitX86} compiled by C1 with 30 MB of compiler memory that stays resident (a flood's peak RSS
   * +23 MB): under the installation's directives it stays interpreted; without them the same
   * program has it compiled.
   */
  @Test
  void jnrsAssemblerIsNotCompiledUnderTheDirectives() throws Exception {
    List<String> plan = JitPlan.forRun(GcPlan.Source.CAPTURE, ROOT).flags();
    String with = compilations(plan);
    assertTrue(with.contains("jnr.x86asm.Assembler::<init>"), with); // the assembler ran hot
    assertFalse(with.contains("jnr.x86asm.Assembler::_emitX86 ("), with);
    String without =
        compilations(
            plan.stream().filter(f -> !f.startsWith("-XX:CompilerDirectivesFile")).toList());
    assertTrue(without.contains("jnr.x86asm.Assembler::_emitX86 ("), without);
  }

  /** What {@code -XX:+PrintCompilation} reports for {@link EmitMany} run under {@code flags}. */
  private String compilations(List<String> flags) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(flags);
    cmd.addAll(List.of("-XX:+PrintCompilation", "-cp", System.getProperty("java.class.path")));
    cmd.add(EmitMany.class.getName());
    Path log = Files.createTempFile(dir, "compilations", ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertEquals(0, p.waitFor(), Files.readString(log));
    return Files.readString(log);
  }

  /** Assembles as many instructions as jnr-ffi's stubs for a native library take, and more. */
  static final class EmitMany {
    public static void main(String[] args) {
      for (int i = 0; i < 50_000; i++) {
        Assembler a = new Assembler(CPU.X86_64);
        for (int j = 0; j < 10; j++) {
          a.mov(Asm.rax, Asm.rbx);
        }
      }
    }
  }
}
