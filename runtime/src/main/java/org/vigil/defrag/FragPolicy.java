package org.vigil.defrag;

/**
 * A target-based overlap policy: decides, for bytes where a newly arrived fragment overlaps data of
 * an earlier one, which fragment's bytes the destination host keeps.
 */
public sealed interface FragPolicy
    permits FirstPolicy, LastPolicy, BsdPolicy, LinuxPolicy, WindowsPolicy, SolarisPolicy {
  /**
   * True when the new fragment [newStart, newEnd) replaces the old fragment [oldStart, oldEnd)
   * where they overlap.
   */
  boolean newWins(int newStart, int newEnd, int oldStart, int oldEnd);

  /** The policy name (first, last, bsd, linux, windows, solaris). */
  String name();

  /**
   * The policy for a host-os-policy name, with Suricata's aliases (hpux10/irix → bsd, old_linux →
   * linux, macos/hpux11/old_solaris → first, vista/windows2k3 → windows).
   */
  static FragPolicy forName(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT).replace('-', '_')) {
      case "first", "old_solaris", "hpux11", "macos" -> new FirstPolicy();
      case "last" -> new LastPolicy();
      case "bsd", "hpux10", "irix" -> new BsdPolicy();
      case "linux", "old_linux" -> new LinuxPolicy();
      case "windows", "vista", "windows2k3", "winxp" -> new WindowsPolicy();
      case "solaris" -> new SolarisPolicy();
      default -> throw new IllegalArgumentException("unknown fragment overlap policy: " + name);
    };
  }
}
