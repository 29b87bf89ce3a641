package org.vigil.output.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.AlertEvent;
import org.vigil.output.OutputConfigException;
import org.vigil.output.TestEvents;

class AlertLogTest {
  @TempDir Path logDir;

  private List<AlertEvent> readAll() {
    List<AlertEvent> out = new ArrayList<>();
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      r.drain(out::add);
    }
    return out;
  }

  @Test
  void everyFieldSurvivesTheBinaryLayout() throws Exception {
    List<AlertEvent> written =
        List.of(
            TestEvents.alert(2000001, 7),
            TestEvents.icmpAlert(2000002),
            TestEvents.alert(3, 1_000_000_000_000L));
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      long prev = -1;
      for (AlertEvent a : written) {
        long idx = log.append(a);
        assertTrue(idx > prev, "indexes grow");
        prev = idx;
      }
      assertEquals(3, log.appended());
    }
    assertEquals(written.stream().map(TestEvents::stored).toList(), readAll());
  }

  /**
   * What {@code vigil alerts} prints of a read-back alert is what eve.json got from the run: the
   * stored app record prints byte for byte as the protocol's record did.
   */
  @Test
  void aReadBackAlertPrintsAsTheRunWroteIt() throws Exception {
    AlertEvent written = TestEvents.alert(2000001, 7);
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(written);
    }
    AlertEvent read = readAll().get(0);
    assertEquals(eve(written), eve(read));
    assertTrue(
        eve(read)
            .contains(
                "\"http\":{\"hostname\":\"www.example.com\","
                    + "\"url\":\"/index.html?a=1\",\"http_user_agent\":\"Mozilla/5.0 (test)\""),
        eve(read));
  }

  private static String eve(AlertEvent a) throws java.io.IOException {
    java.io.StringWriter out = new java.io.StringWriter();
    try (org.vigil.output.EveJsonWriter w =
        new org.vigil.output.EveJsonWriter(
            out, java.util.EnumSet.of(org.vigil.output.EveJsonWriter.Type.ALERT))) {
      w.write(a);
    }
    return out.toString();
  }

  @Test
  void reopeningAppendsAfterWhatIsThere() throws Exception {
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(TestEvents.alert(1, 1));
    }
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(TestEvents.alert(2, 2));
    }
    assertEquals(List.of(1L, 2L), readAll().stream().map(AlertEvent::signatureId).toList());
  }

  @Test
  void readerSeesAppendsMadeAfterItOpened() throws Exception {
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT);
        AlertLogReader r =
            (log.append(TestEvents.alert(1, 1)) >= 0 ? AlertLogReader.open(logDir) : null)) {
      List<Long> sids = new ArrayList<>();
      r.drain(a -> sids.add(a.signatureId()));
      log.append(TestEvents.alert(2, 2));
      r.drain(a -> sids.add(a.signatureId()));
      assertEquals(List.of(1L, 2L), sids);
    }
  }

  @Test
  void dailyCyclesRollAndRetentionKeepsTheNewestFiles() throws Exception {
    SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-20T12:00:00Z"));
    AlertLogConfig cfg =
        new AlertLogConfig(AlertLogConfig.Cycle.DAILY, 2, 0, SyncMode.NONE, AlertLogConfig.ALERTS);
    try (AlertLog log = AlertLog.open(logDir, cfg, clock)) {
      for (int day = 0; day < 5; day++) {
        log.append(TestEvents.alert(100 + day, day));
        log.append(TestEvents.alert(200 + day, day));
        clock.advanceMillis(86_400_000L);
      }
      assertEquals(3, log.filesDeleted());
    }
    List<Path> files = AlertLog.cycleFiles(logDir.resolve(AlertLog.DIR_NAME));
    assertEquals(2, files.size(), files.toString());
    assertTrue(files.get(1).getFileName().toString().startsWith("20261124"), files.toString());
    assertEquals(
        List.of(103L, 203L, 104L, 204L), readAll().stream().map(AlertEvent::signatureId).toList());
  }

  @Test
  void sizeCapDeletesOldestButNeverTheCurrentFile() throws Exception {
    SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-20T12:00:00Z"));
    AlertLogConfig cfg =
        new AlertLogConfig(AlertLogConfig.Cycle.HOURLY, 0, 1, SyncMode.NONE, AlertLogConfig.ALERTS);
    try (AlertLog log = AlertLog.open(logDir, cfg, clock)) {
      for (int h = 0; h < 3; h++) {
        log.append(TestEvents.alert(h, h));
        clock.advanceMillis(3_600_000L);
      }
    }
    assertEquals(1, AlertLog.cycleFiles(logDir.resolve(AlertLog.DIR_NAME)).size());
    assertEquals(List.of(2L), readAll().stream().map(AlertEvent::signatureId).toList());
  }

  @Test
  void noAlertLogIsAClearError() {
    assertFalse(AlertLogReader.exists(logDir));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AlertLogReader.open(logDir));
    assertTrue(e.getMessage().contains("no alert log in " + logDir), e.getMessage());
  }

  @Test
  void configIsReadFromYamlShapeAndBadKeysAreNamed() {
    AlertLogConfig c =
        AlertLogConfig.fromMap(
            Map.of(
                "roll-cycle",
                "hourly",
                "retention",
                Map.of("max-files", 48, "max-size", "2g"),
                "sync",
                "async"),
            "outputs.alert-log");
    assertEquals(
        new AlertLogConfig(
            AlertLogConfig.Cycle.HOURLY, 48, 2L << 30, SyncMode.ASYNC, AlertLogConfig.ALERTS),
        c);
    OutputConfigException bad =
        assertThrows(
            OutputConfigException.class,
            () -> AlertLogConfig.fromMap(Map.of("roll-cycle", "fortnightly"), "outputs.alert-log"));
    assertEquals("outputs.alert-log.roll-cycle", bad.key());
    OutputConfigException size =
        assertThrows(
            OutputConfigException.class,
            () ->
                AlertLogConfig.fromMap(
                    Map.of("retention", Map.of("max-size", "lots")), "outputs.alert-log"));
    assertEquals("outputs.alert-log.retention.max-size", size.key());
  }

  @Test
  void reopeningWithAnotherRollCycleKeepsTheQueuesOwnAndReadersFollowIt() throws Exception {
    AlertLogConfig hourly =
        new AlertLogConfig(AlertLogConfig.Cycle.HOURLY, 0, 0, SyncMode.NONE, AlertLogConfig.ALERTS);
    try (AlertLog log = AlertLog.open(logDir, hourly)) {
      log.append(TestEvents.alert(1, 1));
    }
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(TestEvents.alert(2, 2));
    }
    assertTrue(
        java.nio.file.Files.readString(logDir.resolve("alerts").resolve(AlertLog.INFO_FILE))
            .contains("roll-cycle=HOURLY"));
    assertEquals(List.of(1L, 2L), readAll().stream().map(AlertEvent::signatureId).toList());
  }

  @Test
  void aFollowingReaderCrossesIntoTheNextCycleFile() throws Exception {
    SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-20T23:59:00Z"));
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT, clock)) {
      log.append(TestEvents.alert(1, 1));
      try (AlertLogReader r = AlertLogReader.open(logDir)) {
        List<Long> sids = new ArrayList<>();
        assertEquals(1, r.drain(a -> sids.add(a.signatureId())));
        clock.advanceMillis(120_000); // past midnight: a new daily file
        log.append(TestEvents.alert(2, 2));
        log.append(TestEvents.alert(3, 3));
        long deadline = System.currentTimeMillis() + 5_000;
        while (sids.size() < 3 && System.currentTimeMillis() < deadline) {
          r.drain(a -> sids.add(a.signatureId()));
          Thread.sleep(10);
        }
        assertEquals(List.of(1L, 2L, 3L), sids);
      }
    }
    assertEquals(2, AlertLog.cycleFiles(logDir.resolve(AlertLog.DIR_NAME)).size());
  }
}
