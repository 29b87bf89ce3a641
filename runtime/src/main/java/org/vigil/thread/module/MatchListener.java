package org.vigil.thread.module;

import org.vigil.app.AppTransaction;
import org.vigil.decode.Packet;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleMeta;

/**
 * Takes a detect module's matches instead of its alert writing (see {@link
 * DetectModule#divertMatches}).
 */
@FunctionalInterface
public interface MatchListener {
  /**
   * Rule {@code rule} matched {@code ctx} (addresses and ports as inspected) on {@code packet};
   * {@code tx} is the app-layer transaction inspected, or null; {@code appProto} the flow's
   * detected app-layer protocol, or null.
   */
  void matched(
      RuleMeta rule, InspectionContext ctx, Packet packet, AppTransaction tx, String appProto);

  /**
   * The stream engine refused to let {@code packet} through (inline: a TTL decoy, or a segment
   * whose overlapping bytes differ from the data inspected for them); the default ignores it.
   */
  default void streamDropped(Packet packet) {}
}
