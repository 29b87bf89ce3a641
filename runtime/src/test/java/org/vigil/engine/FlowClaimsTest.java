package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** Bucket ownership of the workers over capture files: one owner per bucket, for the whole run. */
class FlowClaimsTest {
  @Test
  void theFirstClaimWinsAndTheBucketKeepsItsOwner() {
    FlowClaims c = new FlowClaims();
    int h = 0x1234_5678;
    assertEquals(-1, c.owner(h), "unclaimed");
    assertEquals(1, c.claim(h, 1));
    assertEquals(1, c.claim(h, 0), "a later claim gets the first owner");
    assertEquals(1, c.owner(h));
    assertEquals(1, c.owner(h + FlowClaims.BUCKETS), "the low 20 bits pick the bucket");
    assertEquals(-1, c.owner(h + 1), "another bucket is still free");
    assertEquals(254, c.claim(0, 254), "the highest worker index a byte names");
    assertEquals(254, c.owner(0));
  }

  /** Two threads claim every bucket at once: each bucket gets one owner, which both see. */
  @Test
  void twoThreadsClaimingTheSameBucketsAgreeOnEveryOwner() throws Exception {
    FlowClaims c = new FlowClaims();
    int buckets = FlowClaims.BUCKETS;
    int[][] seen = new int[2][buckets];
    CyclicBarrier start = new CyclicBarrier(2);
    List<Thread> threads = new ArrayList<>();
    Throwable[] failed = new Throwable[2];
    for (int w = 0; w < 2; w++) {
      int worker = w;
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int b = 0; b < buckets; b++) {
                    int h = b * 0x9E3779B9; // every bucket once, in a shuffled order
                    int o = c.owner(h);
                    seen[worker][h & (buckets - 1)] = o >= 0 ? o : c.claim(h, worker);
                  }
                } catch (Throwable e) {
                  failed[worker] = e;
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertNull(failed[0]);
    assertNull(failed[1]);
    for (int b = 0; b < buckets; b++) {
      assertTrue(seen[0][b] == 0 || seen[0][b] == 1, "bucket " + b + " owned by " + seen[0][b]);
      assertEquals(seen[0][b], seen[1][b], "both threads saw one owner of bucket " + b);
      assertEquals(seen[0][b], c.owner(b), "a later lookup of bucket " + b);
    }
  }

  @Test
  void onlyRunsOfTwoToTwoHundredFiftyFiveFlowHashedWorkersClaim() {
    assertNull(FlowClaims.forLayout(layout(1, ThreadLayout.RouterKind.FLOW_HASH)));
    assertNotNull(FlowClaims.forLayout(layout(2, ThreadLayout.RouterKind.FLOW_HASH)));
    assertNotNull(FlowClaims.forLayout(layout(255, ThreadLayout.RouterKind.FLOW_HASH)));
    assertNull(FlowClaims.forLayout(layout(256, ThreadLayout.RouterKind.FLOW_HASH)));
    assertNull(FlowClaims.forLayout(layout(2, ThreadLayout.RouterKind.ROUND_ROBIN)));
  }

  private static ThreadLayout layout(int workers, ThreadLayout.RouterKind router) {
    List<ThreadLayout.WorkerSpec> specs = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      specs.add(new ThreadLayout.WorkerSpec("W#" + (i + 1), List.of("flow", "detect"), 0, -1));
    }
    return new ThreadLayout(RunMode.WORKERS, specs, router, false, 4096);
  }
}
