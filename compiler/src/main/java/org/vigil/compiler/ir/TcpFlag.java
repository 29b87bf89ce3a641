package org.vigil.compiler.ir;

/** TCP header flags as named by the flags keyword ({@code 1}/{@code 2} are old names of C/E). */
public enum TcpFlag {
  FIN('F', 0x01),
  SYN('S', 0x02),
  RST('R', 0x04),
  PSH('P', 0x08),
  ACK('A', 0x10),
  URG('U', 0x20),
  ECE('E', 0x40),
  CWR('C', 0x80);

  private final char letter;
  private final int bit;

  TcpFlag(char letter, int bit) {
    this.letter = letter;
    this.bit = bit;
  }

  /** The letter as written. */
  public char letter() {
    return letter;
  }

  /** The bit in the TCP flags byte. */
  public int bit() {
    return bit;
  }

  /** The flag named by {@code c} (F S R P A U C E, 1 = C, 2 = E), or null. */
  public static TcpFlag of(char c) {
    return switch (Character.toUpperCase(c)) {
      case 'F' -> FIN;
      case 'S' -> SYN;
      case 'R' -> RST;
      case 'P' -> PSH;
      case 'A' -> ACK;
      case 'U' -> URG;
      case 'E', '2' -> ECE;
      case 'C', '1' -> CWR;
      default -> null;
    };
  }
}
