package org.vigil.thread.affinity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CpuAffinityTest {
  @Test
  void pinsAThreadToCpuZeroAndRejectsACpuThatDoesNotExist() throws Exception {
    assumeTrue(Platform.isLinux(), "sched_setaffinity is Linux only");
    AtomicReference<String> result = new AtomicReference<>("not run");
    Thread t = new Thread(() -> result.set(CpuAffinity.pin(0)));
    t.start();
    t.join();
    assertNull(result.get(), "pinning to CPU 0 works");
    assertEquals("no CPU 5000", CpuAffinity.pin(5000));
  }
}
