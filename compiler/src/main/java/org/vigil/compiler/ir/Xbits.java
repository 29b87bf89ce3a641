package org.vigil.compiler.ir;

/**
 * {@code xbits:cmd,name,track ip_src|ip_dst|ip_pair[,expire seconds]}: a bit kept per host (the
 * packet's source or destination) or per pair of hosts instead of per flow. Set, unset and toggle
 * act after the whole rule matched; isset and isnotset are conditions. {@code expireSeconds} is how
 * long a set bit lives (Suricata's default when absent); the conditions ignore it.
 */
public record Xbits(SourcePos pos, Command command, String name, Track track, int expireSeconds)
    implements FlowOption {
  /** Suricata's expiry when the rule gives none, in seconds. */
  public static final int DEFAULT_EXPIRE = 30;

  /** The xbits operation. */
  public enum Command {
    SET,
    UNSET,
    TOGGLE,
    ISSET,
    ISNOTSET;

    /** The keyword as written. */
    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for the commands that act after the rule matched. */
    public boolean isAction() {
      return this == SET || this == UNSET || this == TOGGLE;
    }
  }

  /** Whose bit it is. */
  public enum Track {
    IP_SRC,
    IP_DST,
    IP_PAIR;

    /** The word after {@code track}. */
    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public String keyword() {
    return "xbits";
  }
}
