package org.vigil.stream;

/**
 * A piece of reassembled stream handed to raw stream inspection (the "pseudo packet" scanned by
 * stream rules). The first {@code newStart} bytes repeat the end of the previous chunk (up to the
 * configured reach) so a pattern crossing the boundary is whole here; a match ending before {@code
 * newStart} was already seen and must be ignored. The buffer is only valid during the call.
 *
 * @param toServer direction
 * @param streamOffset stream offset (0 = first byte after the SYN) of {@code buf[off]}
 * @param buf bytes
 * @param off start in buf
 * @param len length
 * @param newStart index in the chunk (0..len) where bytes not yet inspected begin
 * @param afterGap true if a gap precedes this chunk (nothing repeated across a gap)
 */
public record RawChunk(
    boolean toServer,
    long streamOffset,
    byte[] buf,
    int off,
    int len,
    int newStart,
    boolean afterGap) {
  /** A copy of the chunk bytes. */
  public byte[] bytes() {
    return java.util.Arrays.copyOfRange(buf, off, off + len);
  }
}
