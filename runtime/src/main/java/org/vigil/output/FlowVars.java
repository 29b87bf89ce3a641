package org.vigil.output;

import java.util.List;
import java.util.Map;

/**
 * A flow's variables when a record was made, as EVE's top-level {@code metadata} object lists them
 * ({@code flowbits}, {@code flowints}).
 *
 * @param flowbits the names of the flowbits set, in the order they were set
 * @param flowints the flowint variables by name
 */
public record FlowVars(List<String> flowbits, Map<String, Long> flowints) {

  /** Copies the lists (null: empty). */
  public FlowVars {
    flowbits = flowbits == null ? List.of() : List.copyOf(flowbits);
    flowints =
        flowints == null || flowints.isEmpty()
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(flowints));
  }

  // equals and hashCode written out (hashCode with the record's own formula): the generated ones go
  // through method handles that C2 inlines as large guard trees where records are compared per
  // packet

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowVars v
        && java.util.Objects.equals(flowbits, v.flowbits)
        && java.util.Objects.equals(flowints, v.flowints);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(flowbits) * 31 + java.util.Objects.hashCode(flowints);
  }

  /** The variables, or null when there are none (EVE then writes no {@code metadata}). */
  public static FlowVars of(List<String> flowbits, Map<String, Long> flowints) {
    if ((flowbits == null || flowbits.isEmpty()) && (flowints == null || flowints.isEmpty())) {
      return null;
    }
    return new FlowVars(flowbits, flowints);
  }
}
