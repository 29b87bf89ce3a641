package org.vigil.output.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.AlertEvent;
import org.vigil.output.AlertPayload;
import org.vigil.output.TestEvents;

class HeaderBlockTrimTest {
  @TempDir Path logDir;

  private static AlertEvent big(long sid) {
    byte[] body = new byte[100 * 1024];
    Arrays.fill(body, (byte) ('a' + sid % 26));
    return TestEvents.alert(sid, 5)
        .withPayload(new AlertPayload(body, false, new byte[60], 1, body, body, null));
  }

  /** KB of the process's resident pages of the cycle file's mapping at file offset 0. */
  private static long residentFirstBlockKb(Path dir) throws IOException {
    long kb = -1;
    boolean in = false;
    for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
      if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
        String[] f = line.trim().split("\\s+");
        in =
            f.length >= 6
                && f[5].startsWith(dir.toString())
                && f[5].endsWith(AlertLog.CYCLE_SUFFIX)
                && Long.parseLong(f[2], 16) == 0;
      } else if (in && line.startsWith("Rss:")) {
        kb = Math.max(kb, Long.parseLong(line.split("\\s+")[1]));
      }
    }
    return kb;
  }

  /**
   * After three blocks of alerts the first block of the cycle file no longer keeps its records
   * resident, and every alert still reads back whole from the file.
   */
  @Test
  void theFirstBlockIsGivenBackAsTheAppenderMovesOn() throws Exception {
    List<AlertEvent> written = new ArrayList<>();
    long firstBlockKb;
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      for (long sid = 1; written.size() * 300L * 1024 < 3 * AlertLog.BLOCK_BYTES; sid++) {
        AlertEvent a = big(sid);
        log.append(a);
        written.add(a);
      }
      firstBlockKb = residentFirstBlockKb(log.dir());
      assertTrue(firstBlockKb >= 0, "the first block is mapped");
      assertTrue(
          firstBlockKb < AlertLog.BLOCK_BYTES / 1024 / 4,
          "first block resident " + firstBlockKb + " KB");
      assertTrue(log.headerTrims() >= 2, "trims: " + log.headerTrims());
    }
    List<AlertEvent> read = new ArrayList<>();
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      r.drain(read::add);
    }
    assertEquals(written.size(), read.size());
    for (int i = 0; i < read.size(); i++) {
      assertArrayEquals(written.get(i).payload().payload(), read.get(i).payload().payload());
      assertArrayEquals(
          written.get(i).payload().responseBody(), read.get(i).payload().responseBody());
    }
  }
}
