package org.vigil.defrag;

/**
 * "solaris": the old data wins unless the new fragment starts before it and reaches at least its
 * end.
 */
public record SolarisPolicy() implements FragPolicy {
  @Override
  public boolean newWins(int newStart, int newEnd, int oldStart, int oldEnd) {
    return newStart < oldStart && newEnd >= oldEnd;
  }

  @Override
  public String name() {
    return "solaris";
  }
}
