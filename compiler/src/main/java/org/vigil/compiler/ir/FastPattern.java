package org.vigil.compiler.ir;

/** The fast_pattern modifier of a content: plain, {@code only}, or {@code offset,length}. */
public sealed interface FastPattern {
  /** {@code fast_pattern;}: use the whole content as the prefilter pattern. */
  record Whole() implements FastPattern {}

  /**
   * {@code fast_pattern:only;}: the prefilter match is the whole check (no separate content
   * evaluation).
   */
  record Only() implements FastPattern {}

  /**
   * {@code fast_pattern:offset,length;}: use that slice of the content as the prefilter pattern.
   */
  record Slice(int offset, int length) implements FastPattern {}
}
