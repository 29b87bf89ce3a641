package org.vigil.output.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.posix.MSyncFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.AlertEvent;
import org.vigil.output.JavaChild;
import org.vigil.output.TestEvents;

/**
 * Chronicle's native layer (jnr-ffi, jffi) loads only when the alert log calls it: a log without
 * {@code sync} never loads it, one with {@code sync} msyncs through it. In a new JVM each: under
 * JUnit Chronicle skips its eager loading, which is what is checked here.
 */
class ChronicleNativeLayerTest {
  @TempDir Path dir;

  @Test
  void anAlertLogWithoutSyncLoadsNoNativeLayer() throws Exception {
    Child run = roundTrip("none");
    assertEquals("[1, 2, 3]", run.out, run.err);
    assertEquals(
        List.of(), run.classes.stream().filter(ChronicleNativeLayerTest::nativeLayer).toList());
  }

  /** Rolling to new cycle files (daily, a clock two days on) and tailing across them. */
  @Test
  void rollingAndTailingLoadNoNativeLayer() throws Exception {
    Child run = roundTrip("roll");
    assertEquals("[1, 2, 3]", run.out, run.err);
    assertEquals(3, LogRetention.cycleFiles(dir.resolve("log-roll").resolve("alerts")).size());
    assertEquals(
        List.of(), run.classes.stream().filter(ChronicleNativeLayerTest::nativeLayer).toList());
  }

  @Test
  void anAlertLogWithSyncMsyncsThroughTheNativeLayer() throws Exception {
    Child run = roundTrip("sync");
    assertEquals("[1, 2, 3]", run.out, run.err);
    assertTrue(run.classes.stream().anyMatch(ChronicleNativeLayerTest::nativeLayer), run.err);
    assertFalse(run.err.contains("msync failed"), run.err);
  }

  @Test
  void theDeferredLayerCallsTheSystem() throws Exception {
    DeferredPosixApi posix = new DeferredPosixApi();
    assertEquals(ProcessHandle.current().pid(), posix.getpid());
    Path file = dir.resolve("mapped");
    try (FileChannel ch =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        Arena arena = Arena.ofConfined()) {
      MemorySegment page = ch.map(FileChannel.MapMode.READ_WRITE, 0, 4096, arena);
      page.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 'v');
      assertEquals(0, posix.msync(page.address(), 4096, MSyncFlag.MS_SYNC));
      // msync wants a page-aligned address: EINVAL
      assertEquals(-1, posix.msync(page.address() + 1, 4095, MSyncFlag.MS_SYNC));
      assertEquals(22, posix.lastError());
    }
    assertEquals('v', Files.readAllBytes(file)[0]);
  }

  private static boolean nativeLayer(String loadedClass) {
    return loadedClass.startsWith("jnr.") || loadedClass.startsWith("com.kenai.jffi.");
  }

  private record Child(String out, String err, List<String> classes) {}

  /** Runs {@link RoundTrip} in a new JVM, with the classes it loaded. */
  private Child roundTrip(String sync) throws IOException, InterruptedException {
    Path log = dir.resolve("classes-" + sync + ".log");
    Path err = dir.resolve("err-" + sync);
    List<String> cmd =
        new ArrayList<>(
            JavaChild.command(RoundTrip.class, dir.resolve("log-" + sync).toString(), sync));
    cmd.add(1, "-Xlog:class+load=info:file=" + log);
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertEquals(0, p.waitFor(), Files.readString(err));
    List<String> classes = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      int at = line.indexOf("] ");
      int end = line.indexOf(' ', at + 2);
      if (at >= 0 && end > at) {
        classes.add(line.substring(at + 2, end));
      }
    }
    assertTrue(classes.contains(AlertLog.class.getName()), "no class loading logged in " + log);
    return new Child(out, Files.readString(err), classes);
  }

  /**
   * Appends three alerts to a daily alert log, reads them back, prints them: {@code none} as a run
   * opens its log, {@code sync} with {@code sync: sync}, {@code roll} a day apart each.
   */
  static final class RoundTrip {
    public static void main(String[] args) throws IOException {
      Path logDir = Path.of(args[0]);
      String mode = args[1];
      AlertLogConfig config =
          new AlertLogConfig(
              AlertLogConfig.Cycle.DAILY,
              0,
              0,
              mode.equals("sync") ? SyncMode.SYNC : SyncMode.NONE,
              AlertLogConfig.ALERTS);
      SetTimeProvider clock = null;
      if (mode.equals("roll")) {
        ChronicleSettings.apply(); // as AlertLog.open does before it loads Chronicle's clocks
        clock = new SetTimeProvider(Instant.parse("2026-11-20T12:00:00Z"));
      }
      try (AlertLog log =
          clock == null ? AlertLog.open(logDir, config) : AlertLog.open(logDir, config, clock)) {
        for (long sid = 1; sid <= 3; sid++) {
          log.append(TestEvents.alert(sid, sid));
          if (clock != null) {
            clock.advanceMillis(86_400_000L);
          }
        }
      }
      List<Long> sids = new ArrayList<>();
      try (AlertLogReader r = AlertLogReader.open(logDir)) {
        r.drain((AlertEvent a) -> sids.add(a.signatureId()));
      }
      System.out.println(sids);
    }
  }
}
