package org.vigil.compiler.ir;

import java.util.Set;

/**
 * {@code fragbits:[!|*|+]MDR}: IP fragment flags (M more fragments, D don't fragment, R reserved).
 */
public record FragBits(SourcePos pos, BitsMode mode, Set<Bit> bits) implements PacketOption {
  public FragBits {
    bits = Set.copyOf(bits);
  }

  /** An IP flag bit. */
  public enum Bit {
    MORE_FRAGMENTS('M', 0x2000),
    DONT_FRAGMENT('D', 0x4000),
    RESERVED('R', 0x8000);

    private final char letter;
    private final int mask;

    Bit(char letter, int mask) {
      this.letter = letter;
      this.mask = mask;
    }

    /** The letter as written. */
    public char letter() {
      return letter;
    }

    /** The bit in the 16-bit flags/fragment-offset field. */
    public int mask() {
      return mask;
    }
  }

  @Override
  public String keyword() {
    return "fragbits";
  }
}
