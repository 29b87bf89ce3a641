package org.vigil.defrag;

import org.vigil.decode.Packet;

/**
 * Decides, when a datagram's first fragment (offset 0, the one carrying the transport header)
 * arrives, whether the defragmenter keeps the datagram's bytes. A datagram it does not keep is
 * still tracked (its fragments' offsets and the memory they would take), so every defragmenter that
 * sees the same fragments makes the same memcap, eviction, timeout and completion decisions; only
 * the bytes, and the rebuilt datagram, stay with the one that keeps them.
 */
@FunctionalInterface
public interface DatagramKeeper {
  /** Keep the datagram's bytes and rebuild it here, as every defragmenter that sees it does. */
  int KEEP = 0;

  /**
   * Keep the datagram's bytes and rebuild it here, and only here; so does any negative decision,
   * which the keeper may give other meanings (the defragmenter reports it back: {@link
   * Defragmenter#lastDecision}).
   */
  int OWN = -1;

  /**
   * {@link #KEEP}, {@link #OWN} (or another negative value), or a positive tag the defragmenter
   * reports back ({@link Defragmenter#lastDecision}) when the datagram completes without its bytes
   * here.
   */
  int decide(Packet firstFragment);
}
