package org.vigil.output.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.AlertEvent;
import org.vigil.output.JavaChild;
import org.vigil.output.TestEvents;

/**
 * Kills an appending process with SIGKILL and checks that every alert it acknowledged is readable.
 */
class AlertLogCrashTest {
  @TempDir Path logDir;

  @Test
  void everyAcknowledgedAlertSurvivesSigkill() throws Exception {
    Process p =
        new ProcessBuilder(
                JavaChild.command(AlertLogAppenderMain.class, logDir.toString(), "0", "0"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Map<Long, Long> acked = new LinkedHashMap<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && acked.size() < 3000) {
        if (line.equals("ready")) {
          continue;
        }
        String[] f = line.split(" ");
        acked.put(Long.parseLong(f[0]), Long.parseLong(f[1]));
      }
      // SIGKILL in the middle of appending: no shutdown hook, no close
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "appender did not die");
    }
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
    assertTrue(
        acked.size() >= 3000, "appender acknowledged " + acked.size() + " alerts before the kill");

    Map<Long, AlertEvent> read = new LinkedHashMap<>();
    List<Long> indexes = new ArrayList<>();
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      while (r.next(a -> read.put(a.signatureId(), a))) {
        indexes.add(r.lastReadIndex());
      }
    }
    for (Map.Entry<Long, Long> e : acked.entrySet()) {
      long seq = e.getKey();
      AlertEvent a = read.get(seq);
      assertFalse(a == null, "acknowledged alert " + seq + " (index " + e.getValue() + ") lost");
      assertEquals(
          TestEvents.stored(TestEvents.alert(seq, seq)),
          a,
          "alert " + seq + " read back differently");
      assertTrue(
          indexes.contains(e.getValue()), "acknowledged index " + e.getValue() + " not in the log");
    }
    // nothing beyond the acknowledged ones is garbage either: every record read decodes to the
    // sequence
    for (AlertEvent a : read.values()) {
      assertEquals(TestEvents.stored(TestEvents.alert(a.signatureId(), a.signatureId())), a);
    }

    // the next run appends after what survived, even if the kill left a half-written record
    long t0 = System.nanoTime();
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(TestEvents.alert(999_999_999L, 1));
    }
    long reopenMillis = (System.nanoTime() - t0) / 1_000_000;
    List<Long> after = new ArrayList<>();
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      r.drain(a -> after.add(a.signatureId()));
    }
    assertEquals(
        999_999_999L, after.getLast(), "the next run's alert is readable after the survivors");
    assertTrue(after.containsAll(acked.keySet()));
    System.out.println(
        "acknowledged "
            + acked.size()
            + ", readable "
            + read.size()
            + ", reopen+append "
            + reopenMillis
            + " ms");
  }
}
