package org.vigil.compiler.ir;

/**
 * {@code tag:session[,count,metric][,exclusive]} or {@code tag:host,count,metric,src|dst}: log
 * following packets. {@code count}/{@code metric} are 0/null when absent, {@code hostSide} null for
 * session tags.
 */
public record Tag(
    SourcePos pos, Type type, long count, Metric metric, HostSide hostSide, boolean exclusive)
    implements PostDetectionOption {
  /** session or host. */
  public enum Type {
    SESSION,
    HOST
  }

  /** Unit of count. */
  public enum Metric {
    PACKETS,
    SECONDS,
    BYTES
  }

  /** Which host of the alert a host tag follows. */
  public enum HostSide {
    SRC,
    DST
  }

  @Override
  public String keyword() {
    return "tag";
  }
}
