package org.vigil.inspect;

/**
 * Whether a flow alerted through matches of rate-limited rules that a run's coordinator decides
 * after the worker ran them (the {@code workers} run mode): the worker attaches one mark per flow
 * to those matches and to the flow's record; the coordinator sets it as it lets a match through and
 * reads it when it writes the record (after every match of the flow, in the run's order).
 */
public final class DeferredAlertMark {
  private boolean alerted;

  /** A match of the flow was let through: its record says it alerted. */
  public void alerted() {
    alerted = true;
  }

  /** True once a match of the flow was let through. */
  public boolean isAlerted() {
    return alerted;
  }
}
