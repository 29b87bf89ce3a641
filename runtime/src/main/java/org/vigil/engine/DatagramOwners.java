package org.vigil.engine;

import org.vigil.decode.Packet;

/**
 * Which of the threads that read the same frames runs a fragmented datagram (see {@link
 * DecodePipeline#shareDatagrams}): decided at its first fragment, from the datagram's flow.
 */
public interface DatagramOwners {
  /**
   * {@link org.vigil.defrag.DatagramKeeper#OWN} when this thread runs {@code datagram} (decoded as
   * if it ended with its first fragment: its flow's addresses and ports), else a tag of 1 to 3
   * handed back to {@link #rebuiltElsewhere} when the datagram completes.
   */
  int decide(Packet datagram);

  /**
   * Another thread rebuilt and runs the datagram {@code lastFragment} completed; {@code tag} is
   * what {@link #decide} said of it, {@code wantsFlow} whether the rebuilt datagram has a flow (a
   * UDP datagram shorter than its length field has none).
   */
  void rebuiltElsewhere(Packet lastFragment, int tag, boolean wantsFlow);
}
