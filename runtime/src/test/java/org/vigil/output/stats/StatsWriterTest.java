package org.vigil.output.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.EveJsonWriter;
import org.vigil.testing.Json;

class StatsWriterTest {
  @TempDir Path dir;

  @Test
  void writesEveryIntervalAndAtTheEnd() throws Exception {
    Path file = dir.resolve("stats.json");
    long t0 = 1_000_000_000_000L;
    AtomicInteger asked = new AtomicInteger();
    try (EveJsonWriter w = EveJsonWriter.open(file, EnumSet.of(EveJsonWriter.Type.STATS))) {
      StatsWriter s = new StatsWriter(List.of(w), 8, t0);
      assertFalse(
          s.tick(
              t0 + 7_000_000_000L,
              () -> {
                asked.incrementAndGet();
                return Map.of();
              }));
      assertEquals(0, asked.get(), "counters are only collected when due");
      assertTrue(s.tick(t0 + 8_500_000_000L, () -> Map.of("decoder", Map.of("pkts", 10L))));
      assertFalse(s.tick(t0 + 9_000_000_000L, Map::of));
      // a long pause does not cause a burst of records
      assertTrue(s.tick(t0 + 60_000_000_000L, () -> Map.of("decoder", Map.of("pkts", 20L))));
      assertFalse(s.tick(t0 + 61_000_000_000L, Map::of));
      s.writeFinal(t0 + 62_000_000_000L, Map.of("decoder", Map.of("pkts", 25L)));
      assertEquals(3, s.written());
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size());
    Map<String, String> last = Json.flatten(lines.get(2));
    assertEquals("stats", last.get("event_type"));
    assertEquals("62", last.get("stats.uptime"));
    assertEquals("25", last.get("stats.decoder.pkts"));
    assertEquals("8", Json.flatten(lines.get(0)).get("stats.uptime"));
  }

  @Test
  void zeroIntervalWritesOnlyAtTheEnd() throws Exception {
    Path file = dir.resolve("stats.json");
    try (EveJsonWriter w = EveJsonWriter.open(file, EnumSet.of(EveJsonWriter.Type.STATS))) {
      StatsWriter s = new StatsWriter(List.of(w), 0, 0);
      assertFalse(s.tick(Long.MAX_VALUE / 2, Map::of));
      s.writeFinal(5_000_000_000L, Map.of("flow", Map.of("total", 3)));
    }
    assertEquals(1, Files.readAllLines(file).size());
  }
}
