package org.vigil.output.log;

/**
 * Chronicle's process-wide switches that Vigil wants off: its usage analytics (which would phone
 * home) and its start-up banner. Set before the first Chronicle class loads, unless the user set
 * them on the command line.
 */
final class ChronicleSettings {
  private ChronicleSettings() {}

  static void apply() {
    if (System.getProperty("chronicle.analytics.disable") == null) {
      System.setProperty("chronicle.analytics.disable", "true");
    }
    if (System.getProperty("chronicle.announcer.disable") == null) {
      System.setProperty("chronicle.announcer.disable", "true");
    }
  }
}
