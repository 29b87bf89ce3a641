package org.vigil.compiler.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.vigil.compiler.ir.Flowbits;

/**
 * The flowbits of a ruleset: which rules set and which read each bit, the bit ids generated code
 * uses, and warnings for bits read but never set (such rules can never fire) or set but never read.
 */
public final class FlowbitsGraph {
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

  /** Builds the graph over the analysed rules. */
  public FlowbitsGraph(List<RulePlan> plans) {
    TreeSet<String> all = new TreeSet<>();
    Map<String, Flowbits> firstRead = new HashMap<>();
    Map<String, Long> firstReadSid = new HashMap<>();
    TreeSet<String> set = new TreeSet<>();
    for (RulePlan p : plans) {
      for (Flowbits fb : p.flowbitActions()) {
        all.addAll(fb.names());
        set.addAll(fb.names());
      }
      for (Flowbits fb : p.flowbitChecks()) {
        all.addAll(fb.names());
        for (String n : fb.names()) {
          firstRead.putIfAbsent(n, fb);
          firstReadSid.putIfAbsent(n, p.rule().sid());
        }
      }
    }
    for (String n : all) {
      ids.put(n, names.size());
      names.add(n);
    }
    for (Map.Entry<String, Flowbits> r : firstRead.entrySet()) {
      if (!set.contains(r.getKey())) {
        warnings.add(
            new Diagnostic(
                r.getValue().pos(),
                firstReadSid.get(r.getKey()),
                "flowbit '" + r.getKey() + "' is checked but no rule sets it",
                true));
      }
    }
    warnings.sort((a, b) -> a.toString().compareTo(b.toString()));
  }

  /** Bit name to id. */
  public Map<String, Integer> ids() {
    return ids;
  }

  /** Bit names by id. */
  public List<String> names() {
    return names;
  }

  /** Bits read but never set. */
  public List<Diagnostic> warnings() {
    return warnings;
  }
}
