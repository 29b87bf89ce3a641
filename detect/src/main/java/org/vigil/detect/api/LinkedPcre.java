package org.vigil.detect.api;

/**
 * A pcre of a generated rule class whose engine is chosen on its first search ({@link
 * PcreProgram#of}): a pcre is only searched once its rule's contents matched, so most of a class's
 * patterns are never compiled and a class's first use costs no regex compilation.
 */
final class LinkedPcre implements PcreProgram {
  private final String regex;
  private final int flags;
  private final RuleGuard guard;

  /** The chosen program; a racing second choice is an equal program. */
  private volatile PcreProgram program;

  /** The pcre {@code regex} with java.util.regex {@code flags} under {@code guard}. */
  LinkedPcre(String regex, int flags, RuleGuard guard) {
    this.regex = regex;
    this.flags = flags;
    this.guard = guard;
  }

  /** The program that runs the searches, chosen now when it was not yet. */
  PcreProgram program() {
    PcreProgram p = program;
    if (p == null) {
      p = PcreProgram.of(regex, flags, guard);
      program = p;
    }
    return p;
  }

  @Override
  public long search(byte[] data, int base, int len, int subject, int from, boolean anchored) {
    return program().search(data, base, len, subject, from, anchored);
  }
}
