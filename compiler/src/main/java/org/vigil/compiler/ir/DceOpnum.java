package org.vigil.compiler.ir;

import java.util.List;

/** {@code dce_opnum:n|a-b[,...]}: the DCE/RPC operation number is one of these inclusive ranges. */
public record DceOpnum(SourcePos pos, List<Range> ranges) implements AppLayerOption {
  public DceOpnum {
    ranges = List.copyOf(ranges);
  }

  /** An inclusive range of opnums (low == high for one). */
  public record Range(int low, int high) {}

  @Override
  public String keyword() {
    return "dce_opnum";
  }
}
