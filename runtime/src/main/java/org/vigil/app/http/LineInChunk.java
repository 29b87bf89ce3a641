package org.vigil.app.http;

/**
 * Where the line a message parser dispatches ends in the data chunk being parsed, as libhtp's read
 * offsets tell its hooks: whether the line ends the chunk, and the bytes of the chunk after it.
 */
final class LineInChunk {
  /** The bytes of the current data call (null outside one) and where they end. */
  private byte[] chunk;

  private int chunkEnd;

  /** Where the line being dispatched ends in {@link #chunk} (its end while none is). */
  private int lineEnd;

  /** While a line is dispatched: whether its end is the last byte of the data chunk parsed. */
  private boolean endsChunk;

  /**
   * The chunk in parse before {@link #enter} (a data call inside a data call), restored at exit.
   */
  byte[] chunk() {
    return chunk;
  }

  /** The end of the chunk in parse, for {@link #exit}. */
  int chunkEnd() {
    return chunkEnd;
  }

  /** A data call starts parsing {@code b} up to {@code end}. */
  void enter(byte[] b, int end) {
    chunk = b;
    chunkEnd = end;
    lineEnd = end;
  }

  /** The data call ended: the chunk parsed before it ({@code b} up to {@code end}) is back. */
  void exit(byte[] b, int end) {
    chunk = b;
    chunkEnd = end;
  }

  /**
   * A line ended at {@code stop} and is dispatched now; {@code atTerminator}: the line's terminator
   * was in this chunk (else it ended after a CR, the line's end being where it was).
   */
  void lineEnded(int stop, boolean atTerminator) {
    if (atTerminator) {
      lineEnd = stop;
    }
    endsChunk = chunk != null && stop == chunkEnd;
  }

  /**
   * The dispatched line was handled; {@code atTerminator} as given to {@link #lineEnded}: the
   * line's end goes back to the chunk's end.
   */
  void lineDone(boolean atTerminator) {
    if (atTerminator) {
      lineEnd = chunkEnd;
    }
    endsChunk = false;
  }

  /**
   * While a line is dispatched: whether it ended with the last byte of the data chunk being parsed
   * (libhtp's out_current_read_offset reaching out_current_len); false at close.
   */
  boolean endsChunk() {
    return endsChunk;
  }

  /**
   * While a line is dispatched: how many bytes of the data chunk being parsed follow it (0 when the
   * line did not end in this chunk), as libhtp's in_current_len - in_current_read_offset.
   */
  int rest() {
    return chunk == null ? 0 : chunkEnd - lineEnd;
  }

  /**
   * While a line is dispatched: the {@code i}-th byte of the chunk after it ({@code i < rest()}).
   */
  byte restAt(int i) {
    return chunk[lineEnd + i];
  }
}
