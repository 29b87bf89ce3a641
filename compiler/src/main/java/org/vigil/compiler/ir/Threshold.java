package org.vigil.compiler.ir;

/** {@code threshold:type limit|threshold|both, track by_src|by_dst, count N, seconds T}. */
public record Threshold(SourcePos pos, Type type, Track track, long count, long seconds)
    implements PostDetectionOption {
  /** The threshold type. */
  public enum Type {
    /** alert on the first {@code count} matches per period. */
    LIMIT,
    /** alert on every {@code count}-th match per period. */
    THRESHOLD,
    /** alert once per period, after {@code count} matches. */
    BOTH;

    /** The keyword as written. */
    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public String keyword() {
    return "threshold";
  }
}
