package org.vigil.detect.api;

import java.nio.charset.StandardCharsets;

/**
 * A byte range read as Latin-1 characters that throws {@link Exhausted} past its read budgets: the
 * total of a search and the budget of its current attempt. Reusable: {@link #set} points it at a
 * new range, {@link #release} drops the buffer.
 */
final class BudgetedLatin1 implements CharSequence {
  /** Thrown (one shared instance, no stack trace) when a budget is spent. */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted() {
      super("pcre step budget exhausted", null, false, false);
    }
  }

  private static final Exhausted EXHAUSTED = new Exhausted();

  private byte[] data = new byte[0];
  private int base;
  private int len;
  private long total;
  private long attempt;

  /**
   * Views {@code data[base, base + len)} with {@code total} reads, one attempt spending them all.
   */
  void set(byte[] data, int base, int len, long total) {
    this.data = data;
    this.base = base;
    this.len = len;
    this.total = total;
    this.attempt = total;
  }

  /** Drops the viewed buffer (the view keeps its length, reads fail). */
  void release() {
    data = null;
  }

  /** Starts an attempt that may spend {@code budget} reads (within what is left of the total). */
  void attempt(long budget) {
    attempt = budget;
  }

  @Override
  public int length() {
    return len;
  }

  @Override
  public char charAt(int index) {
    if (--attempt < 0 || --total < 0) {
      throw EXHAUSTED;
    }
    return (char) (data[base + index] & 0xff);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new PcreSupport.Latin1(data, base + start, end - start);
  }

  @Override
  public String toString() {
    return new String(data, base, len, StandardCharsets.ISO_8859_1);
  }
}
