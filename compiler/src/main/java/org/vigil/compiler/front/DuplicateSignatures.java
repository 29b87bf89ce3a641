package org.vigil.compiler.front;

import java.util.ArrayList;
import java.util.List;
import org.vigil.compiler.ir.Rule;

/** Resolves rules that share gid and sid the way Suricata does. */
final class DuplicateSignatures {
  private DuplicateSignatures() {}

  /**
   * Signatures with the same gid and sid: as Suricata, the one with the higher rev stays (the first
   * one when revs are equal) and the other is reported.
   */
  static ParseResult resolve(List<Rule> rules, List<Diagnostic> errors, int total) {
    java.util.Map<List<Long>, Integer> seen = new java.util.HashMap<>();
    List<Rule> kept = new ArrayList<>(rules.size());
    List<Diagnostic> errs = new ArrayList<>(errors);
    boolean anyDup = false;
    for (Rule r : rules) {
      List<Long> key = List.of(r.gid(), r.sid());
      Integer at = seen.get(key);
      if (at == null) {
        seen.put(key, kept.size());
        kept.add(r);
        continue;
      }
      anyDup = true;
      Rule old = kept.get(at);
      Rule loser = r.rev() > old.rev() ? old : r;
      Rule winner = loser == old ? r : old;
      if (loser == old) {
        kept.set(at, r);
      }
      errs.add(
          new Diagnostic(
              loser.pos(),
              loser.sid(),
              "duplicate signature",
              "duplicate signature gid "
                  + loser.gid()
                  + " sid "
                  + loser.sid()
                  + " rev "
                  + loser.rev()
                  + "; rev "
                  + winner.rev()
                  + " at "
                  + winner.pos()
                  + " is kept",
              loser.source().text()));
    }
    return new ParseResult(anyDup ? kept : rules, errs, total);
  }
}
