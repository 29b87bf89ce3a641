package org.vigil.defrag;

/**
 * "windows": the old data wins unless the new fragment starts before it and ends after it (also
 * vista, 2k3).
 */
public record WindowsPolicy() implements FragPolicy {
  @Override
  public boolean newWins(int newStart, int newEnd, int oldStart, int oldEnd) {
    return newStart < oldStart && newEnd > oldEnd;
  }

  @Override
  public String name() {
    return "windows";
  }
}
