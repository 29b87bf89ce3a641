package org.vigil.stream;

/** Receives raw chunks of ACKed stream data for stream-rule inspection (IDS mode). */
@FunctionalInterface
public interface RawInspector {
  /** Inspects one chunk; the buffer is only valid during the call. */
  void inspect(RawChunk chunk);
}
