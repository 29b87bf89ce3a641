package org.vigil.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Where an ICMP error goes in a {@code workers} run over captures when the worker of the flow it
 * reports on is not the worker of its own addresses' ICMP flow: as in the single mode, it joins the
 * reported flow when that flow is in its worker's table at that packet, else the ICMP flow of its
 * addresses. The reported flow's worker decides (it alone knows its table) and tells the other,
 * which waits for the decision; a decision is taken once, by the worker that runs the packet.
 */
final class IcmpErrorOwners {
  /** Per packet number: whether the reported flow's worker runs it, until the other takes it. */
  private final ConcurrentHashMap<Long, Boolean> decided = new ConcurrentHashMap<>();

  /** Packet {@code seq} joins the flow it reports on ({@code attached}) or not. */
  void decide(long seq, boolean attached) {
    decided.put(seq, attached);
  }

  /**
   * Waits for the decision on packet {@code seq} and takes it: true when the reported flow's worker
   * runs it; false also when {@code aborted} says the run ends.
   */
  boolean await(long seq, BooleanSupplier aborted) {
    long park = WorkerProgress.PARK_NANOS;
    for (Boolean b = decided.remove(seq); ; b = decided.remove(seq)) {
      if (b != null) {
        return b;
      }
      if (aborted.getAsBoolean()) {
        return false;
      }
      LockSupport.parkNanos(park);
      park = Math.min(2 * park, WorkerProgress.MAX_PARK_NANOS);
    }
  }
}
