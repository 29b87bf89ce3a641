package org.vigil.detect;

import java.util.Arrays;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.RuleMatcher;

/**
 * Stands in for a generated class until one of its rules is first evaluated: then defines and
 * instantiates the class (verification included) and puts the real matcher in the ruleset's table,
 * so loading a ruleset does not pay for classes no traffic reaches.
 */
final class LazyMatcher implements RuleMatcher {
  private final ClassLoader loader;
  private final String name;
  private final RuleMatcher[] table;
  private final int first;
  private final int count;
  private volatile RuleMatcher real;

  /** The loader that defines the rules' class on first use. */
  ClassLoader loader() {
    return loader;
  }

  LazyMatcher(ClassLoader loader, String name, RuleMatcher[] table, int first, int count) {
    this.loader = loader;
    this.name = name;
    this.table = table;
    this.first = first;
    this.count = count;
  }

  @Override
  public int match(int ruleIndex, InspectionContext ctx) {
    RuleMatcher m = real;
    if (m == null) {
      m = resolve();
    }
    return m.match(ruleIndex, ctx);
  }

  /** Defines the class now (idempotent) and returns the generated matcher. */
  synchronized RuleMatcher resolve() {
    if (real == null) {
      try {
        real = (RuleMatcher) loader.loadClass(name).getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new IllegalStateException("ruleset class " + name + " cannot be loaded: " + e, e);
      }
      Arrays.fill(table, first, first + count, real);
    }
    return real;
  }
}
