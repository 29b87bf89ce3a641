package org.vigil.defrag;

/** "bsd": the old data wins unless the new fragment begins before it (also hpux10, irix). */
public record BsdPolicy() implements FragPolicy {
  @Override
  public boolean newWins(int newStart, int newEnd, int oldStart, int oldEnd) {
    return newStart < oldStart;
  }

  @Override
  public String name() {
    return "bsd";
  }
}
