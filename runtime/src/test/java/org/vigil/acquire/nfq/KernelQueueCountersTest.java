package org.vigil.acquire.nfq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelQueueCountersTest {

  @Test
  void readsTheLineOfTheQueue(@TempDir Path dir) throws Exception {
    Path proc = dir.resolve("nfnetlink_queue");
    Files.writeString(
        proc,
        """
            0  27641     0 2 65531     0     0       12  1
         2320   9512   263 2 65531 123786    17   338361  1
        """);
    KernelQueueCounters c = KernelQueueCounters.read(proc, 2320);
    assertEquals(9512, c.peerPortId());
    assertEquals(263, c.waiting());
    assertEquals(123786, c.queueDropped());
    assertEquals(17, c.userDropped());
    assertEquals(338361, c.idSequence());
    assertNull(KernelQueueCounters.read(proc, 5));
    assertNull(KernelQueueCounters.read(dir.resolve("absent"), 0));
  }
}
