package org.vigil.compiler.ir;

/** The protocol of a rule header. */
public enum Protocol {
  IP,
  TCP,
  UDP,
  ICMP;

  /** The keyword as written in a rule. */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
