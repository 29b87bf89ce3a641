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

class MappedPageTrimTest {
  @TempDir Path logDir;

  private static AlertEvent big(long sid) {
    byte[] body = new byte[100 * 1024];
    Arrays.fill(body, (byte) ('a' + sid % 26));
    return TestEvents.alert(sid, 5)
        .withPayload(new AlertPayload(body, false, new byte[60], 1, body, body, null));
  }

  /**
   * KB of the process's resident pages of the cycle file's mappings: [0] the one at file offset 0
   * (the first block), [1] the one at the highest offset (the block being written); -1 if none.
   */
  private static long[] residentKb(Path dir) throws IOException {
    long[] kb = {-1, -1};
    long highest = -1;
    int in = -1;
    for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
      if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
        String[] f = line.trim().split("\\s+");
        in = -1;
        if (f.length >= 6
            && f[5].startsWith(dir.toString())
            && f[5].endsWith(AlertLog.CYCLE_SUFFIX)) {
          long offset = Long.parseLong(f[2], 16);
          if (offset == 0) {
            in = 0;
          } else if (offset > highest) {
            highest = offset;
            in = 1;
          }
        }
      } else if (in >= 0 && line.startsWith("Rss:")) {
        kb[in] = Long.parseLong(line.split("\\s+")[1]);
      }
    }
    return kb;
  }

  /**
   * After three and a half blocks of alerts neither the first block of the cycle file nor the one
   * being written keeps more than the last {@link MappedPageTrim#STEP} of records resident, and
   * every alert still reads back whole from the file.
   */
  @Test
  void theLogDoesNotStayResidentBehindTheAppender() throws Exception {
    List<AlertEvent> written = new ArrayList<>();
    long[] kb;
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      for (long sid = 1;
          written.size() * 300L * 1024 < 3 * AlertLog.BLOCK_BYTES + 5 * AlertLog.BLOCK_BYTES / 8;
          sid++) {
        AlertEvent a = big(sid);
        log.append(a);
        written.add(a);
      }
      kb = residentKb(log.dir());
      assertTrue(kb[0] >= 0 && kb[1] >= 0, "the first block and the one being written are mapped");
      assertTrue(kb[0] < AlertLog.BLOCK_BYTES / 1024 / 4, "first block resident " + kb[0] + " KB");
      assertTrue(
          kb[1] < (MappedPageTrim.STEP + MappedPageTrim.STEP / 2) / 1024,
          "block being written resident " + kb[1] + " KB");
      assertTrue(log.pageTrims() >= 2, "trims: " + log.pageTrims());
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
