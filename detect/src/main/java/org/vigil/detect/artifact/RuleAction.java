package org.vigil.detect.artifact;

import java.util.Locale;

/** What a rule asks for when it matches (the first word of its header). */
public enum RuleAction {
  /** Alert. */
  ALERT,
  /** Log (alerts as {@code alert} does). */
  LOG,
  /** Stop inspecting the packet (or flow) without an alert. */
  PASS,
  /** Inline: drop the packet and its flow, with an alert. */
  DROP,
  /** Inline: drop as {@code drop} does and reset the sender (TCP RST or ICMP unreachable). */
  REJECT,
  /** Inline: drop as {@code drop} does, without an alert. */
  SDROP;

  /** The keyword as written in a rule and stored in a compiled ruleset. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The action of keyword {@code keyword} (case-insensitive). */
  public static RuleAction of(String keyword) {
    try {
      return valueOf(keyword.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown rule action '" + keyword + "'", e);
    }
  }
}
