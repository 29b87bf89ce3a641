package org.vigil.detect.artifact;

import org.vigil.detect.api.InspectionContext;

/**
 * The key a prefilter scan is restricted by: an inspection scope ({@link RuleMeta#ON_STREAM} and
 * the other inspection bits of {@link RuleMeta#scope()}, 0: every scope) and the flow facts the
 * inspection lacks (direction, established), which exclude the rules whose {@code flow:} option
 * needs them; such a rule's code would reject the inspection, so its patterns are not looked for.
 * The matching per-rule byte ({@link #ruleBits}) holds the rule's inspection bits and the flow
 * facts it needs, in the same bit positions.
 */
public final class ScanKey {
  private ScanKey() {}

  /** The inspection bits of a key and of a rule byte. */
  public static final int INSPECTION = 31;

  /** The rule needs (the key lacks) a packet sent to the server. */
  public static final int TO_SERVER = 32;

  /** The rule needs (the key lacks) a packet sent to the client. */
  public static final int TO_CLIENT = 64;

  /** The rule needs (the key lacks) an established flow. */
  public static final int ESTABLISHED = 128;

  /** The flow bits of a key and of a rule byte. */
  public static final int FLOW = TO_SERVER | TO_CLIENT | ESTABLISHED;

  /** Keys are {@code 0 .. KEYS-1}: an array of this length holds one entry per key. */
  public static final int KEYS = 256;

  /** The byte a rule of {@link RuleMeta#scope()} {@code scope} is kept by in scan restrictions. */
  public static byte ruleBits(int scope) {
    int b = scope & INSPECTION;
    b |= (scope & RuleMeta.FLOW_TO_SERVER) != 0 ? TO_SERVER : 0;
    b |= (scope & RuleMeta.FLOW_TO_CLIENT) != 0 ? TO_CLIENT : 0;
    b |= (scope & RuleMeta.FLOW_ESTABLISHED) != 0 ? ESTABLISHED : 0;
    return (byte) b;
  }

  /**
   * The flow bits of the key of an inspection whose context has {@link InspectionContext#flowFlags}
   * {@code flowFlags}: the facts it lacks, as the code of a rule's {@code flow:} option tests them.
   */
  public static int flowKey(int flowFlags) {
    int lacks = 0;
    lacks |= (flowFlags & InspectionContext.FLOW_TO_SERVER) == 0 ? TO_SERVER : 0;
    lacks |= (flowFlags & InspectionContext.FLOW_TO_CLIENT) == 0 ? TO_CLIENT : 0;
    lacks |= (flowFlags & InspectionContext.FLOW_ESTABLISHED) == 0 ? ESTABLISHED : 0;
    return lacks;
  }

  /**
   * True when a scan of {@code key} looks for the patterns of the rule with byte {@code rule}: the
   * rule has a bit of the key's inspection bits (or those are 0) and needs no flow fact the key
   * lacks.
   */
  public static boolean keeps(byte rule, int key) {
    int inspection = key & INSPECTION;
    return (inspection == 0 || (rule & inspection) != 0) && (rule & key & FLOW) == 0;
  }

  /**
   * True when a scan of key {@code scanned} gives every candidate a scan of key {@code wanted}
   * gives: its inspection bits take in those wanted, and it excludes no rule the wanted key keeps.
   */
  public static boolean covers(int scanned, int wanted) {
    int si = scanned & INSPECTION;
    int wi = wanted & INSPECTION;
    boolean inspection = si == wi || si == 0 || (wi != 0 && (wi & ~si) == 0);
    return inspection && (scanned & FLOW & ~wanted) == 0;
  }
}
