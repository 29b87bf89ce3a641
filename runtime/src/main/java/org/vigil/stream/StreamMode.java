package org.vigil.stream;

/**
 * Whether the engine inspects after the fact (IDS, ACKed data) or before release (inline IPS,
 * unACKed window).
 */
public enum StreamMode {
  /** Passive: app layer and raw inspection see ACKed data. */
  IDS,
  /**
   * Inline: in-order data is inspected per segment through a sliding window, overlaps are
   * normalized to the first data.
   */
  INLINE
}
