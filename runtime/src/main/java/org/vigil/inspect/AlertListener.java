package org.vigil.inspect;

import org.vigil.decode.Packet;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleMeta;

/**
 * Receives each alert of the run loop with the packet it is attributed to and the inspected
 * context.
 */
@FunctionalInterface
public interface AlertListener {
  /**
   * Rule {@code rule} alerted. {@code ctx} holds the addresses and ports as inspected (oriented
   * like the inspected data, which for stream data may be the reverse of {@code packet}'s); {@code
   * packet} is the packet that triggered the inspection; {@code unit} says what was inspected.
   */
  void alert(RuleMeta rule, InspectionContext ctx, Packet packet, InspectionUnit unit);
}
