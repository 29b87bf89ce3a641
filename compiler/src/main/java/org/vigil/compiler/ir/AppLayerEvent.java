package org.vigil.compiler.ir;

/**
 * {@code app-layer-event:<proto>.<event>}: the inspected transaction has had that parser event
 * (Suricata's name, e.g. {@code http.invalid_transfer_encoding_value_in_request}).
 *
 * @param name the event's full name
 * @param id its bit in the runtime's app events buffer ({@code org.vigil.detect.api.AppEvents})
 */
public record AppLayerEvent(SourcePos pos, String name, int id) implements AppLayerOption {
  @Override
  public String keyword() {
    return "app-layer-event";
  }
}
