package org.vigil.compiler.ir;

import java.util.Set;

/**
 * {@code flags:[!|*|+]FSRPAUCE0[,mask]}: TCP flags; {@code flags} empty with EXACT means no flag
 * set ({@code 0}); flags in {@code ignored} (the part after the comma) are not looked at.
 */
public record Flags(SourcePos pos, BitsMode mode, Set<TcpFlag> flags, Set<TcpFlag> ignored)
    implements PacketOption {
  public Flags {
    flags = Set.copyOf(flags);
    ignored = Set.copyOf(ignored);
  }

  @Override
  public String keyword() {
    return "flags";
  }
}
