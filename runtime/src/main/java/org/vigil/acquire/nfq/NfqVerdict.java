package org.vigil.acquire.nfq;

/**
 * What netfilter is told about one queued packet: accept it, drop it, or hand it back to the hook
 * with a mark (repeat). What a verdict means beyond that (flow drops, rejects) is the packet
 * handler's business.
 */
public sealed interface NfqVerdict permits NfqVerdict.Accept, NfqVerdict.Drop, NfqVerdict.Repeat {
  /** Let the packet through. */
  NfqVerdict ACCEPT = new Accept();

  /** Drop the packet. */
  NfqVerdict DROP = new Drop();

  /** Accept. */
  record Accept() implements NfqVerdict {}

  /** Drop. */
  record Drop() implements NfqVerdict {}

  /** Give the packet back to netfilter to traverse the hook again, carrying {@code mark}. */
  record Repeat(int mark) implements NfqVerdict {}
}
