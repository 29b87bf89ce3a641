package org.vigil.defrag;

/** "first": data already received always wins (also macos, hpux11, old_solaris). */
public record FirstPolicy() implements FragPolicy {
  @Override
  public boolean newWins(int newStart, int newEnd, int oldStart, int oldEnd) {
    return false;
  }

  @Override
  public String name() {
    return "first";
  }
}
