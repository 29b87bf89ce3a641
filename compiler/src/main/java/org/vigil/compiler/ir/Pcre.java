package org.vigil.compiler.ir;

import java.util.Set;

/**
 * {@code pcre:[!]"/regex/flags"}. {@code regex} is the text between the slashes (Snort also accepts
 * {@code m{...}}-style delimiters, normalized to slashes); {@code buffer} comes from a buffer flag
 * or the current sticky buffer; {@code relative} is the R flag.
 */
public record Pcre(
    SourcePos pos,
    boolean negated,
    String regex,
    Set<PcreFlag> flags,
    Buffer buffer,
    boolean relative)
    implements PayloadOption {
  public Pcre {
    flags = Set.copyOf(flags);
  }

  /** True if {@code flag} was given. */
  public boolean has(PcreFlag flag) {
    return flags.contains(flag);
  }

  @Override
  public String keyword() {
    return "pcre";
  }
}
