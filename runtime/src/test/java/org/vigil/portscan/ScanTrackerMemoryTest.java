package org.vigil.portscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigil.portscan.ScanTracker.Role;
import org.vigil.testing.DeepSize;

/**
 * {@code portscan.memcap} counts what the trackers really hold on the heap: a scanning host's
 * tracker (its counts, key and table entry) within {@link ScanTracker#ENTRY_BYTES}, a scanned
 * host's with its sources per port within {@link ScanTracker#SAMPLE_BYTES} more, neither far below;
 * and a stripe over its share evicts.
 */
class ScanTrackerMemoryTest {
  /** Bytes a tracker of {@code role} holds, its attempts on 16 ports counted. */
  private static long perTracker(Role role) {
    ScanTracker tracker = new ScanTracker(ScanTracker.ENTRY_BYTES * 1_000_000L);
    int n = 4000;
    long half = 0;
    for (int i = 0; i < n; i++) {
      if (i == n / 2) {
        half = DeepSize.of(tracker);
      }
      tracker.update(
          ScanProtocol.TCP,
          role,
          4,
          0,
          0x0a000000L + i,
          0,
          c -> {
            c.window(1_000_000_000L, SenseLevel.LOW.windowNanos());
            for (int port = 1; port <= 2 * PortSources.PORTS; port++) {
              c.attempt(0, 0x0b000000L + port, port);
              if (role == Role.SCANNED) {
                c.sample(0, 0x0b000000L + port, port);
              }
            }
            c.open(80);
            return null;
          });
    }
    assertEquals(n, tracker.size());
    return (DeepSize.of(tracker) - half) / (n - n / 2);
  }

  private static void near(long held, long counted, String what) {
    assertTrue(
        held <= counted && counted <= held * 5 / 4,
        what + " holds " + held + " bytes, counted " + counted);
  }

  @Test
  void theMemcapCountsWhatATrackerHolds() {
    near(perTracker(Role.SCANNER), ScanTracker.ENTRY_BYTES, "a scanning host's tracker");
    near(
        perTracker(Role.SCANNED),
        ScanTracker.ENTRY_BYTES + ScanTracker.SAMPLE_BYTES,
        "a scanned host's tracker");
  }

  @Test
  void aScannedHostsSourcesCountAgainstTheMemcap() {
    ScanTracker tracker = new ScanTracker(ScanTracker.ENTRY_BYTES * 16L * 10);
    for (int i = 0; i < 400; i++) {
      tracker.update(
          ScanProtocol.TCP,
          Role.SCANNED,
          4,
          0,
          0x0a000000L + i,
          0,
          c -> {
            c.sample(0, 1, 80);
            return null;
          });
    }
    assertTrue(
        tracker.size()
            <= tracker.capacity()
                * ScanTracker.ENTRY_BYTES
                / (ScanTracker.ENTRY_BYTES + ScanTracker.SAMPLE_BYTES),
        tracker.size() + " trackers with sources in a memcap for " + tracker.capacity());
    assertEquals(tracker.created(), tracker.size() + tracker.evictions());
  }
}
