package org.vigil.tools;

/** Says plainly that a subcommand is not built yet, and exits with the usage code. */
final class NotBuiltYet {
  private NotBuiltYet() {}

  static int report(String what) {
    System.err.println("vigil: '" + what + "' is not built yet in this version of Vigil.");
    return Vigil.EXIT_USAGE;
  }
}
