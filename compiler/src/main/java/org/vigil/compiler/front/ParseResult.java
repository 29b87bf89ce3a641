package org.vigil.compiler.front;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.compiler.ir.Rule;

/**
 * What the front end produced: the rules it loaded, one diagnostic per rejected rule, and the rule
 * count.
 */
public record ParseResult(List<Rule> rules, List<Diagnostic> errors, int total) {
  public ParseResult {
    rules = List.copyOf(rules);
    errors = List.copyOf(errors);
  }

  /** Number of rules rejected. */
  public int failed() {
    return total - rules.size();
  }

  /** Count of diagnostics per reason, sorted by reason. */
  public Map<String, Integer> summary() {
    Map<String, Integer> m = new TreeMap<>();
    for (Diagnostic d : errors) {
      m.merge(d.reason(), 1, Integer::sum);
    }
    return m;
  }
}
