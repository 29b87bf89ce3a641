package org.vigil.defrag;

/** "linux": like bsd, but a new fragment starting at the same offset also wins (also old_linux). */
public record LinuxPolicy() implements FragPolicy {
  @Override
  public boolean newWins(int newStart, int newEnd, int oldStart, int oldEnd) {
    return newStart <= oldStart;
  }

  @Override
  public String name() {
    return "linux";
  }
}
