package org.vigil.acquire.synthetic;

/** Receives synthetic Ethernet frames, one at a time; the array is reused after the call. */
@FunctionalInterface
public interface FrameSink {
  /** An Ethernet frame in {@code frame[0 .. length)}, captured at {@code nanos} (epoch). */
  void frame(byte[] frame, int length, long nanos);
}
