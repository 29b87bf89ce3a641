package org.vigil.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Packets a benchmark thread read, reported by JMH as the auxiliary rate "packets". */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class PacketCounters {
  /** Packets read in the current iteration. */
  public long packets;

  /** Starts every iteration from zero. */
  @Setup(Level.Iteration)
  public void clear() {
    packets = 0;
  }
}
