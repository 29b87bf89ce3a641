package org.vigil.acquire.nfq;

/**
 * Decides one queued packet: the run loop's hook into the NFQUEUE source. Called on the source's
 * thread; the packet (and its payload bytes) is valid only during the call. A throw or a null
 * return gets the configured fail verdict (counted); the packet always gets a verdict.
 */
@FunctionalInterface
public interface PacketHandler {

  /** Returns the verdict for {@code packet}. */
  NfqVerdict onPacket(NfqPacket packet) throws Exception;
}
