package org.vigil.output.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.TestEvents;

/**
 * The log's disk budget: the oldest cycle files go when the log grows past it, within a cycle too,
 * and the records they held are known afterwards, so a shipper can count what it lost.
 */
class LogRetentionTest {
  @TempDir Path logDir;

  private static final AlertLogConfig HOURLY =
      new AlertLogConfig(AlertLogConfig.Cycle.HOURLY, 0, 0, SyncMode.NONE, AlertLogConfig.ALERTS);

  private long total() throws Exception {
    long t = 0;
    for (Path p : AlertLog.cycleFiles(logDir.resolve(AlertLog.DIR_NAME))) {
      t += Files.size(p);
    }
    return t;
  }

  @Test
  void aGrowingCycleDropsTheOldestFilesAndTheirRecordsAreCounted() throws Exception {
    SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-20T12:00:00Z"));
    List<Long> firstHour = new ArrayList<>();
    try (AlertLog log = AlertLog.open(logDir, HOURLY, clock)) {
      for (int i = 0; i < 10; i++) {
        firstHour.add(log.append(TestEvents.alert(100 + i, i)));
      }
      clock.advanceMillis(3_600_000L);
      log.append(TestEvents.alert(200, 1));
    }
    long budget = total() + 1;
    int appended = 1;
    try (AlertLog log = AlertLog.open(logDir, HOURLY.withBudget(budget), clock)) {
      // the second hour's file grows (in blocks) until the two files pass the budget
      while (log.filesDeleted() == 0 && appended < 200_000) {
        log.append(TestEvents.alert(200, appended++));
      }
      assertEquals(1, log.filesDeleted());
      assertEquals(10, log.recordsDeleted());
      assertTrue(
          appended % AlertLog.CHECK_EVERY < 5 || appended < AlertLog.CHECK_EVERY * 2L,
          "deleted at a periodic check: " + appended);
    }
    assertEquals(1, AlertLog.cycleFiles(logDir.resolve(AlertLog.DIR_NAME)).size());
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      assertEquals(10, r.droppedAfter(-1));
      // a shipper that had shipped the first hour's 4th record lost the 6 after it
      assertEquals(6, r.droppedAfter(firstHour.get(3)));
      assertEquals(0, r.droppedAfter(firstHour.getLast()));
      long[] first = {-1};
      r.next((index, a) -> first[0] = index);
      assertEquals(6, r.droppedBetween(firstHour.get(3), first[0]));
      assertEquals(0, r.droppedBetween(first[0], first[0] + 1));
      assertEquals(appended, 1 + r.countAfter(first[0]));
    }
  }

  @Test
  void aRollDropsTheOldestFilesBeyondTheBudgetNeverTheNewest() throws Exception {
    SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-20T12:00:00Z"));
    try (AlertLog log = AlertLog.open(logDir, HOURLY.withBudget(1), clock)) {
      for (int h = 0; h < 4; h++) {
        for (int i = 0; i <= h; i++) {
          log.append(TestEvents.alert(h, i));
        }
        clock.advanceMillis(3_600_000L);
      }
      assertEquals(3, log.filesDeleted());
      assertEquals(1 + 2 + 3, log.recordsDeleted());
    }
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      assertEquals(6, r.droppedAfter(-1));
      assertEquals(4, r.drain(a -> {}));
    }
  }
}
