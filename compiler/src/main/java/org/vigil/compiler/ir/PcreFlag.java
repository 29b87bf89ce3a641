package org.vigil.compiler.ir;

/**
 * Snort pcre modifiers other than the buffer selectors (U I P H D M C K S Y, kept as {@link
 * Pcre#buffer()}) and relative R (kept as {@link Pcre#relative()}).
 */
public enum PcreFlag {
  /** i: case-insensitive. */
  CASELESS('i'),
  /** s: dot matches newline. */
  DOTALL('s'),
  /** m: ^ and $ match at line breaks. */
  MULTILINE('m'),
  /** x: whitespace in the pattern is ignored. */
  EXTENDED('x'),
  /** A: anchored at the start of the buffer (or of the relative position). */
  ANCHORED('A'),
  /** E: $ matches only at the very end. */
  DOLLAR_ENDONLY('E'),
  /** G: quantifiers are lazy by default. */
  UNGREEDY('G'),
  /** B: inspect raw bytes (not normalized). */
  RAWBYTES('B'),
  /** O: override the configured match limits. */
  OVERRIDE_LIMITS('O');

  private final char letter;

  PcreFlag(char letter) {
    this.letter = letter;
  }

  /** The modifier letter as written after the closing slash. */
  public char letter() {
    return letter;
  }

  /** The flag written with {@code letter}, or null. */
  public static PcreFlag of(char letter) {
    for (PcreFlag f : values()) {
      if (f.letter == letter) {
        return f;
      }
    }
    return null;
  }
}
