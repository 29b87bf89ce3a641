package org.vigil.compiler.ir;

/**
 * {@code app-layer-protocol:[!]name}, also what a protocol name in the header means ({@code alert
 * http} is {@code alert tcp} with {@code app-layer-protocol:http}): the rule matches only on flows
 * whose detected app-layer protocol is (or, negated, is not) {@code name}.
 */
public record AppLayerProtocol(SourcePos pos, String name, boolean negated) implements FlowOption {
  @Override
  public String keyword() {
    return "app-layer-protocol";
  }
}
