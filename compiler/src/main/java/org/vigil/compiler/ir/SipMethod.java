package org.vigil.compiler.ir;

import java.util.List;

/** {@code sip_method:[!]m[,[!]m...]}: the SIP request method (case-insensitive names). */
public record SipMethod(SourcePos pos, List<Item> methods) implements AppLayerOption {
  public SipMethod {
    methods = List.copyOf(methods);
  }

  /** One method, possibly negated. */
  public record Item(String name, boolean negated) {}

  @Override
  public String keyword() {
    return "sip_method";
  }
}
