package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.engine.RunMode;
import org.vigil.engine.ThreadLayout;

class InlineQueuesTest {

  @Test
  void repeatedQueuesAndRangesInOrder() {
    assertEquals(List.of(4, 0, 1, 2), InlineQueues.parse(List.of("4", "0:2")));
    assertEquals(List.of(7), InlineQueues.parse(List.of("7:7")));
  }

  @Test
  void badQueuesAreNamed() {
    assertTrue(
        assertThrows(ConfigException.class, () -> InlineQueues.parse(List.of("3:1")))
            .getMessage()
            .contains("-q 3:1: the range ends before it starts"));
    assertTrue(
        assertThrows(ConfigException.class, () -> InlineQueues.parse(List.of("0:2", "2")))
            .getMessage()
            .contains("queue 2 given twice"));
    assertTrue(
        assertThrows(ConfigException.class, () -> InlineQueues.parse(List.of("x")))
            .getMessage()
            .contains("-q x: expected a queue number"));
  }

  @Test
  void severalQueuesTakeOneWorkerEach() throws Exception {
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ThreadLayout l = InlineQueues.layout(cfg, null, null, 3);
    assertEquals(RunMode.WORKERS, l.mode());
    assertEquals(3, l.workers().size());
    assertEquals(RunMode.SINGLE, InlineQueues.layout(cfg, null, null, 1).mode());
    assertEquals(1, InlineQueues.layout(cfg, "workers", null, 1).workers().size());
    assertTrue(
        assertThrows(ConfigException.class, () -> InlineQueues.layout(cfg, "single", null, 2))
            .getMessage()
            .contains("2 queues need --runmode workers"));
    assertTrue(
        assertThrows(ConfigException.class, () -> InlineQueues.layout(cfg, "workers", 4, 2))
            .getMessage()
            .contains("--threads 4: run -q has one worker thread per queue (2 queues)"));
    assertTrue(
        assertThrows(ConfigException.class, () -> InlineQueues.layout(cfg, "autofp", null, 2))
            .getMessage()
            .contains("run -q takes single or workers"));
    assertEquals("NFQUEUEs 0, 1", InlineQueues.describe(List.of(0, 1)));
  }
}
