package org.vigil.verdict;

/**
 * Who receives the reset or unreachable of a {@link Verdict.Reject}: Suricata's
 * rejectsrc/rejectdst/rejectboth.
 */
public enum RejectTarget {
  /** The sender of the offending packet (the default {@code reject}). */
  SOURCE,
  /** The receiver the packet was heading to (TCP only: ICMP errors always go to the sender). */
  DESTINATION,
  /** Both ends. */
  BOTH
}
