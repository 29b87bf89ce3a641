package org.vigil.detect.artifact;

import java.util.List;
import java.util.Map;

/**
 * What an alert reports about a rule: ids, action, message, classification, priority and
 * references, plus its threshold / detection_filter (null when none) and where its payload keywords
 * are evaluated ({@link #scope}).
 *
 * @param index global rule index (evaluation order)
 * @param action what the rule asks for when it matches
 * @param priority explicit priority, else the classtype's; 0 when unknown (the runtime maps
 *     classtype)
 * @param scope bits {@link #ON_STREAM} and {@link #ON_STORED_PACKET}: the inspections besides a
 *     packet's own, not stream-stored payload that evaluate the rule (as Suricata's "require
 *     stream" / "require packet" decision, made when the rule is compiled); plus {@link
 *     #NEEDS_PAYLOAD} and {@link #IP_ONLY}; or {@link #ON_TX_STREAM} (with {@link #NEEDS_PAYLOAD})
 *     alone for a rule mixing app-layer buffers with raw payload keywords; plus {@link #TARGET_SRC}
 *     or {@link #TARGET_DEST} for the rule's {@code target:} and {@link #FLOW_TO_SERVER}, {@link
 *     #FLOW_TO_CLIENT}, {@link #FLOW_ESTABLISHED} for what its {@code flow:} needs (no inspection)
 * @param metadata the rule's {@code metadata:} values by key, keys in first-seen order, values in
 *     source order (as Suricata's alert {@code metadata} object); empty when none
 */
public record RuleMeta(
    int index,
    long gid,
    long sid,
    long rev,
    RuleAction action,
    String msg,
    String classtype,
    int priority,
    List<String> references,
    RateLimit rateLimit,
    int scope,
    Map<String, List<String>> metadata) {

  /** Copies {@code metadata} (null: none), keeping its key order. */
  public RuleMeta {
    metadata = metadata == null || metadata.isEmpty() ? Map.of() : copy(metadata);
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> m) {
    java.util.LinkedHashMap<String, List<String>> c = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> c.put(k, List.copyOf(v)));
    return java.util.Collections.unmodifiableMap(c);
  }

  /** A rule without metadata. */
  public RuleMeta(
      int index,
      long gid,
      long sid,
      long rev,
      RuleAction action,
      String msg,
      String classtype,
      int priority,
      List<String> references,
      RateLimit rateLimit,
      int scope) {
    this(
        index,
        gid,
        sid,
        rev,
        action,
        msg,
        classtype,
        priority,
        references,
        rateLimit,
        scope,
        Map.of());
  }

  /** The rule is evaluated on raw reassembled stream chunks. */
  public static final int ON_STREAM = 1;

  /** The rule is evaluated on the payload of a packet whose data went into the TCP stream. */
  public static final int ON_STORED_PACKET = 2;

  /** Both: the rule sees stream chunks and every packet payload. */
  public static final int EVERYWHERE = ON_STREAM | ON_STORED_PACKET;

  /**
   * The rule has payload keywords (content, pcre, byte_*, isdataat, ...): it cannot match an
   * inspection without payload bytes, not even with negated contents only (as in Suricata).
   */
  public static final int NEEDS_PAYLOAD = 4;

  /**
   * The rule mixes app-layer buffers (http_*) with raw payload keywords: as in Suricata 7 it is a
   * transaction rule whose payload part is one more inspection of the transaction, matched against
   * the raw stream data of the transaction's direction inspected on the packet that inspects the
   * completed transaction. Such a rule is evaluated only there, never on a packet, a plain stream
   * chunk or a transaction without its raw stream.
   */
  public static final int ON_TX_STREAM = 8;

  /**
   * The rule is IP-only in Suricata 7's sense (header, ip_proto, threshold, flowbits:set and meta
   * keywords only, no negated address): of a flow's packets it sees only the first of each
   * direction; packets without a flow it sees all.
   */
  public static final int IP_ONLY = 16;

  /**
   * Not an inspection: the rule's {@code target:src_ip} (for the alert log's {@code source} and
   * {@code target}); kept beside the scope bits so the artifact's layout stays as it is.
   */
  public static final int TARGET_SRC = 32;

  /** Not an inspection: the rule's {@code target:dest_ip}. */
  public static final int TARGET_DEST = 64;

  /** Not an inspection: the rule's {@code flow:} needs a packet sent to the server. */
  public static final int FLOW_TO_SERVER = 128;

  /** Not an inspection: the rule's {@code flow:} needs a packet sent to the client. */
  public static final int FLOW_TO_CLIENT = 256;

  /** Not an inspection: the rule's {@code flow:} needs an established flow. */
  public static final int FLOW_ESTABLISHED = 512;

  /** The inspection bits of {@link #scope} (without the target and flow bits). */
  public static final int INSPECTION_BITS =
      ON_STREAM | ON_STORED_PACKET | NEEDS_PAYLOAD | ON_TX_STREAM | IP_ONLY;

  /**
   * The side the rule's {@code target:} names, {@code "src_ip"} or {@code "dest_ip"}, or null when
   * it names none.
   */
  public String target() {
    return (scope & TARGET_SRC) != 0 ? "src_ip" : (scope & TARGET_DEST) != 0 ? "dest_ip" : null;
  }

  /**
   * A threshold or detection_filter: {@code kind} is limit, threshold, both or detection_filter.
   */
  public record RateLimit(String kind, boolean bySrc, long count, long seconds) {}

  /** A rule evaluated everywhere (the scope of rules built without one, e.g. in tests). */
  public RuleMeta(
      int index,
      long gid,
      long sid,
      long rev,
      RuleAction action,
      String msg,
      String classtype,
      int priority,
      List<String> references,
      RateLimit rateLimit) {
    this(index, gid, sid, rev, action, msg, classtype, priority, references, rateLimit, EVERYWHERE);
  }

  /** True for pass rules: a match stops the inspection without an alert. */
  public boolean isPass() {
    return action == RuleAction.PASS;
  }
}
