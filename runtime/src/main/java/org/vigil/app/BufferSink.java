package org.vigil.app;

/**
 * Takes the inspection buffers of one unit (buffer ids of {@code org.vigil.detect.api.Buffers}).
 */
@FunctionalInterface
public interface BufferSink {
  /** Buffer {@code buffer} holds {@code len} bytes of {@code b} from {@code off}. */
  void put(int buffer, byte[] b, int off, int len);
}
