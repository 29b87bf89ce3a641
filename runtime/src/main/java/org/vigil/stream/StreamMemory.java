package org.vigil.stream;

import org.vigil.memory.Memcap;

/**
 * A stream memory budget: TCP session state ({@code stream.memcap}) or stored stream data ({@code
 * stream.reassembly.memcap}), possibly shared across flow threads.
 */
public final class StreamMemory extends Memcap {
  /** A budget of {@code capBytes} bytes (0 or less: unlimited). */
  public StreamMemory(long capBytes) {
    super(capBytes);
  }
}
