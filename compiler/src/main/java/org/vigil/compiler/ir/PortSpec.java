package org.vigil.compiler.ir;

import java.util.List;

/**
 * A source or destination port of a rule header: any, a range, a list, a negation or a variable.
 */
public sealed interface PortSpec {
  /** Where the spec was written. */
  SourcePos pos();

  /** {@code any}. */
  record Any(SourcePos pos) implements PortSpec {}

  /**
   * An inclusive range {@code low..high}; a single port has low == high; {@code :b} is 0..b, {@code
   * a:} is a..65535.
   */
  record Range(SourcePos pos, int low, int high) implements PortSpec {
    /** True when the range is a single port. */
    public boolean isSingle() {
      return low == high;
    }
  }

  /** {@code [a,b,...]}: the union of its items. */
  record Group(SourcePos pos, List<PortSpec> items) implements PortSpec {
    public Group {
      items = List.copyOf(items);
    }
  }

  /** {@code !spec}. */
  record Not(SourcePos pos, PortSpec inner) implements PortSpec {}

  /**
   * {@code $NAME}; {@code value} is the definition from the configuration, or null when unresolved.
   */
  record Var(SourcePos pos, String name, PortSpec value) implements PortSpec {}
}
