package org.vigil.compiler.ir;

/**
 * {@code stream_size:server|client|both|either,op,N}: bytes seen in the TCP stream (by sequence
 * numbers).
 */
public record StreamSize(SourcePos pos, Side side, NumericCheck check) implements FlowOption {
  /** Which side's byte count is compared. */
  public enum Side {
    SERVER,
    CLIENT,
    BOTH,
    EITHER;

    /** The keyword as written. */
    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public String keyword() {
    return "stream_size";
  }
}
