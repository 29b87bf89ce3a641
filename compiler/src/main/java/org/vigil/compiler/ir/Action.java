package org.vigil.compiler.ir;

/** The action of a rule header. */
public enum Action {
  ALERT,
  LOG,
  PASS,
  DROP,
  REJECT,
  SDROP;

  /** The keyword as written in a rule. */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
