package org.vigil.decode;

/** Receives each decoded, flow-attached packet; the packet is reused after the call returns. */
@FunctionalInterface
public interface PacketConsumer {
  void accept(Packet p);
}
