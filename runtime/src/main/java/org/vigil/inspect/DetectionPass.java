package org.vigil.inspect;

import org.vigil.app.AppAdmission;
import org.vigil.app.AppUnit;
import org.vigil.detect.artifact.RuleMeta;

/**
 * What one detection pass needs besides the context's buffers: what it looks at, which rules it
 * runs ({@code scope}, IP-only rules), how its matches are admitted and deduplicated. The passes of
 * packets and stream chunks without repeated bytes are shared constants, so the common path makes
 * none.
 *
 * @param unit what is inspected
 * @param scope the {@link RuleMeta} scope bits of the rules run
 * @param ipOnly the packet's own pass may run IP-only rules
 * @param otherDirection a stream chunk of the direction the packet was not sent in (its own dedup)
 * @param noFastPatternOnly only the rules without a payload fast pattern are evaluated (a raw chunk
 *     or packet Suricata inspects with no-payload inspection, see {@link
 *     InspectionCutoff#restricts})
 * @param oldBytes of a stream chunk: how many first bytes repeat the previous chunk (its matches
 *     lying there were reported with it)
 * @param app the app-layer unit inspected, else null
 * @param admission how the unit's rules are admitted (null: all)
 */
record DetectionPass(
    InspectionUnit unit,
    int scope,
    boolean ipOnly,
    boolean otherDirection,
    boolean noFastPatternOnly,
    int oldBytes,
    AppUnit app,
    AppAdmission admission) {

  /** Packet passes indexed by stored (1), ipOnly (2), noFastPatternOnly (4). */
  private static final DetectionPass[] PACKETS = new DetectionPass[8];

  /** Stream passes without repeated bytes, indexed by otherDirection (1), noFastPatternOnly (2). */
  private static final DetectionPass[] STREAMS = new DetectionPass[4];

  static {
    for (int i = 0; i < PACKETS.length; i++) {
      PACKETS[i] =
          new DetectionPass(
              InspectionUnit.PACKET,
              (i & 1) != 0 ? RuleMeta.ON_STORED_PACKET : 0,
              (i & 2) != 0,
              false,
              (i & 4) != 0,
              0,
              null,
              null);
    }
    for (int i = 0; i < STREAMS.length; i++) {
      STREAMS[i] =
          new DetectionPass(
              InspectionUnit.STREAM,
              RuleMeta.ON_STREAM,
              false,
              (i & 1) != 0,
              (i & 2) != 0,
              0,
              null,
              null);
    }
  }

  /** The pass of a packet's own inspection ({@code stored}: its segment went into the stream). */
  static DetectionPass packet(boolean stored, boolean ipOnly, boolean noFastPatternOnly) {
    return PACKETS[(stored ? 1 : 0) | (ipOnly ? 2 : 0) | (noFastPatternOnly ? 4 : 0)];
  }

  /** The pass of a raw stream chunk (or inline window). */
  static DetectionPass stream(boolean otherDirection, boolean noFastPatternOnly, int oldBytes) {
    if (oldBytes == 0) {
      return STREAMS[(otherDirection ? 1 : 0) | (noFastPatternOnly ? 2 : 0)];
    }
    return new DetectionPass(
        InspectionUnit.STREAM,
        RuleMeta.ON_STREAM,
        false,
        otherDirection,
        noFastPatternOnly,
        oldBytes,
        null,
        null);
  }

  /**
   * The pass of an app-layer unit: its buffers, with the rules mixing app-layer buffers and raw
   * payload reading the direction's raw stream data. Packet rules (scope {@link
   * RuleMeta#ON_STORED_PACKET} alone: header-only rules among them) are not run: a unit is no
   * packet, and a header-only rule would alert a second time on the packet it is pulled on.
   */
  static DetectionPass app(AppUnit unit) {
    return new DetectionPass(
        InspectionUnit.APP_LAYER,
        RuleMeta.ON_STREAM,
        false,
        false,
        false,
        0,
        unit,
        unit.effectiveAdmission());
  }

  /** This unit's pass for the rules mixing its buffers with each raw chunk of its direction. */
  DetectionPass onTxStream() {
    return new DetectionPass(
        InspectionUnit.APP_LAYER, RuleMeta.ON_TX_STREAM, false, false, false, 0, app, admission);
  }
}
