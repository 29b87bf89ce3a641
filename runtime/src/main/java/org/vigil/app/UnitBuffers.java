package org.vigil.app;

/**
 * Puts a unit's buffers into a sink; may be called more than once while the unit's packet is
 * processed.
 */
@FunctionalInterface
public interface UnitBuffers {
  /** Puts each buffer of the unit into {@code out}. */
  void fill(BufferSink out);
}
