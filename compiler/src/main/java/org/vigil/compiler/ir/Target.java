package org.vigil.compiler.ir;

/**
 * {@code target:src_ip|dest_ip}: which side of the alert is the target (for the alert log); no
 * effect on matching.
 */
public record Target(SourcePos pos, Side side) implements MetaOption {
  /** The side named. */
  public enum Side {
    SRC_IP,
    DEST_IP
  }

  @Override
  public String keyword() {
    return "target";
  }
}
