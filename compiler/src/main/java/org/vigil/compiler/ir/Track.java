package org.vigil.compiler.ir;

/** What a threshold or detection_filter counts per. */
public enum Track {
  BY_SRC,
  BY_DST;

  /** The keyword as written. */
  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
