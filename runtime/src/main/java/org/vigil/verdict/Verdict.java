package org.vigil.verdict;

/**
 * What to do with one inline packet: accept it, drop it (optionally with its whole flow), reject it
 * (drop and answer with a TCP RST or an ICMP unreachable), or hand it back to netfilter with a
 * mark.
 */
public sealed interface Verdict
    permits Verdict.Accept, Verdict.Drop, Verdict.Reject, Verdict.Repeat {

  /** Let the packet through. */
  Verdict ACCEPT = new Accept();

  /** Drop this packet only. */
  Verdict DROP = new Drop(false);

  /** Drop this packet and every later packet of its flow (the inline {@code drop} rule action). */
  Verdict DROP_FLOW = new Drop(true);

  /**
   * Drop the packet and its flow, and reset/unreach the sender (Suricata's and Snort's {@code
   * reject}).
   */
  Verdict REJECT = new Reject(RejectTarget.SOURCE, true);

  /** Accept. */
  record Accept() implements Verdict {}

  /** Drop; {@code flow} also drops every later packet of the same 5-tuple. */
  record Drop(boolean flow) implements Verdict {}

  /**
   * Drop and send a TCP RST (TCP) or ICMP/ICMPv6 port unreachable (anything else) toward {@code
   * target}; {@code flow} also drops every later packet of the same 5-tuple.
   */
  record Reject(RejectTarget target, boolean flow) implements Verdict {
    public Reject {
      java.util.Objects.requireNonNull(target, "target");
    }
  }

  /** Give the packet back to netfilter to traverse the hook again, carrying {@code mark}. */
  record Repeat(int mark) implements Verdict {}

  /** A reject toward {@code target} that also drops the flow. */
  static Verdict reject(RejectTarget target) {
    return new Reject(target, true);
  }
}
