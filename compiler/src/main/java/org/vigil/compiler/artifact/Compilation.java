package org.vigil.compiler.artifact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.compiler.front.Diagnostic;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.ir.Rule;
import org.vigil.config.Classification;
import org.vigil.config.ClassificationConfig;

/**
 * Front end result in, compiled ruleset out: runs the back end on the parsed rules and merges its
 * rejections into the front end's diagnostics, so {@code vigil compile} and {@code vigil run -S}
 * report every failed rule the same way.
 *
 * @param backend the back end's result (image, plans, warnings)
 * @param combined loaded = rules that compiled; errors = front end and back end errors
 */
public record Compilation(RulesetCompiler.Result backend, ParseResult combined) {

  /** Compiles the rules of {@code front}; classtype priorities come from {@code classes}. */
  public static Compilation run(
      ParseResult front, ClassificationConfig classes, String sourceHash) {
    Map<String, Integer> prio = new HashMap<>();
    if (classes != null) {
      for (Classification c : classes.all().values()) {
        prio.put(c.name(), c.priority());
      }
    }
    RulesetCompiler.Result res = RulesetCompiler.compile(front.rules(), prio, sourceHash);
    Map<Long, Rule> bySid = new HashMap<>();
    for (Rule r : front.rules()) {
      bySid.putIfAbsent(r.sid(), r);
    }
    List<Diagnostic> errors = new ArrayList<>(front.errors());
    for (org.vigil.compiler.analysis.Diagnostic d : res.errors()) {
      errors.add(toFront(d, bySid.get(d.sid())));
    }
    Map<Rule, Boolean> compiled = new IdentityHashMap<>();
    res.plans().forEach(p -> compiled.put(p.rule(), true));
    List<Rule> loaded = new ArrayList<>();
    for (Rule r : front.rules()) {
      if (compiled.containsKey(r)) {
        loaded.add(r);
      }
    }
    return new Compilation(res, new ParseResult(loaded, errors, front.total()));
  }

  /** A back end diagnostic in the front end's shape (with the source line it points into). */
  public static Diagnostic toFront(org.vigil.compiler.analysis.Diagnostic d, Rule rule) {
    String line = "";
    if (rule != null) {
      String[] lines = rule.source().text().split("\r?\n", -1);
      int k = d.pos().line() - rule.pos().line();
      line = k >= 0 && k < lines.length ? lines[k] : lines[0];
    }
    String reason =
        d.message().contains("not supported")
            ? "not supported by Vigil"
            : "back end: " + d.message().replaceAll("[0-9]+", "N");
    if (reason.length() > 80) {
      reason = reason.substring(0, 80);
    }
    return new Diagnostic(d.pos(), d.sid() == 0 ? null : d.sid(), reason, d.message(), line);
  }
}
