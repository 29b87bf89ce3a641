package org.vigil.compiler.ir;

import java.util.List;

/**
 * {@code flowbits:cmd[,bit[&bit...|bit|bit...]][,group]}. {@code names} is empty for noalert and
 * for reset without names; {@code join} says how several names combine ({@code &} all, {@code |}
 * any); {@code group} is null when absent.
 */
public record Flowbits(SourcePos pos, Command command, List<String> names, Join join, String group)
    implements FlowOption {
  public Flowbits {
    names = List.copyOf(names);
  }

  /** The flowbits operation. */
  public enum Command {
    SET,
    UNSET,
    TOGGLE,
    ISSET,
    ISNOTSET,
    NOALERT,
    RESET;

    /** The keyword as written. */
    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for commands that change state after the rule matched. */
    public boolean isAction() {
      return this == SET || this == UNSET || this == TOGGLE || this == RESET;
    }
  }

  /** How several bit names combine. */
  public enum Join {
    /** one name (or none). */
    SINGLE(""),
    /** {@code a&b}: all of them. */
    ALL("&"),
    /** {@code a|b}: any of them (only for isset / isnotset). */
    ANY("|");

    private final String text;

    Join(String text) {
      this.text = text;
    }

    /** The separator as written. */
    public String text() {
      return text;
    }
  }

  @Override
  public String keyword() {
    return "flowbits";
  }
}
