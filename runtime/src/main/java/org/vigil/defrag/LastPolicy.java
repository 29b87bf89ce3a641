package org.vigil.defrag;

/** "last": the most recent fragment always wins. */
public record LastPolicy() implements FragPolicy {
  @Override
  public boolean newWins(int newStart, int newEnd, int oldStart, int oldEnd) {
    return true;
  }

  @Override
  public String name() {
    return "last";
  }
}
