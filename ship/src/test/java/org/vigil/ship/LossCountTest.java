package org.vigil.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.AlertEvent;
import org.vigil.output.EventHeader;
import org.vigil.output.log.AlertLog;
import org.vigil.output.log.AlertLogConfig;
import org.vigil.output.log.AlertLogReader;

class LossCountTest {
  @TempDir Path dir;

  private static AlertEvent alert(long sid) {
    EventHeader h =
        new EventHeader(
            1_700_000_000_000_000_000L,
            7,
            sid,
            null,
            "10.0.0.1",
            1234,
            "10.0.0.2",
            80,
            "TCP",
            "to_server",
            null,
            null,
            "wire/pcap");
    return AlertEvent.builder(h).rule(1, sid, 1).signature("m", null, 3).build();
  }

  /**
   * Records deleted after the last one read are counted when the shipper ends with nothing newer to
   * read, once; those deleted before a later record are counted when that record is read, without
   * the ones already counted.
   */
  @Test
  void recordsDeletedAfterTheLastReadAreCountedAtTheEndOnce() throws Exception {
    SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-20T12:00:00Z"));
    AlertLogConfig hourly =
        new AlertLogConfig(AlertLogConfig.Cycle.HOURLY, 0, 0, SyncMode.NONE, AlertLogConfig.ALERTS);
    try (AlertLog log = AlertLog.open(dir, hourly, clock)) {
      for (int i = 1; i <= 3; i++) {
        log.append(alert(i));
      }
    }
    LossCount losses = new LossCount();
    losses.resumeAfter(-1);
    List<Long> indexes = new ArrayList<>();
    try (AlertLogReader reader = AlertLogReader.open(dir)) {
      while (reader.nextRecord((index, r) -> indexes.add(index))) {
        assertEquals(0, losses.read(reader, indexes.getLast()));
      }
      assertEquals(3, indexes.size());
      assertEquals(0, losses.atEnd(reader), "nothing deleted");
      // retention deleted the rest of the cycle read last: 10 records in all, 3 of them read
      RollCycle rc = RollCycles.FAST_HOURLY; // the HOURLY cycle's
      long cycle = rc.toCycle(indexes.getLast());
      Path ledger = dir.resolve(AlertLog.DIR_NAME).resolve("vigil-dropped-cycles.txt");
      Files.writeString(ledger, cycle + " 10\n");
      assertEquals(7, losses.atEnd(reader), "the 7 records after the last read");
      assertEquals(0, losses.atEnd(reader), "counted once");
      // and the next hour's 5 records, before a record of the hour after is read
      Files.writeString(ledger, cycle + " 10\n" + (cycle + 1) + " 5\n");
      long later = rc.toIndex((int) cycle + 2, 0);
      assertEquals(5, losses.read(reader, later), "the 7 are not counted again");
      assertEquals(0, losses.atEnd(reader));
    }
  }
}
