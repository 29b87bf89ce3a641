package org.vigil.detect.api;

/**
 * The {@code asn1} keyword's checks, as Suricata 7 applies them: BER objects are decoded one after
 * another from the start offset until one does not decode (it and what follows are ignored); more
 * than {@link #MAX_FRAMES} objects, or nesting deeper than {@link #MAX_FRAMES} levels, decodes
 * nothing. What decodes is Suricata's decoder's choice ({@link BerDecoder}): universal SEQUENCE and
 * SET contents are decoded as nested objects, other contents are validated by type or opaque. A
 * decoded object with a definite length matches {@code oversize_length n} when that length exceeds
 * n, {@code bitstring_overflow} when it is a primitive BIT STRING whose unused-bits count exceeds
 * its length in bits, {@code double_overflow} when it is a primitive REAL in decimal encoding
 * longer than 256 bytes.
 */
public final class Asn1Check {
  private Asn1Check() {}

  /**
   * The bound on objects per buffer and on nesting depth: Suricata's {@code asn1-max-frames} as its
   * shipped suricata.yaml sets it (the decoder's own default, 30, applies only without the key).
   */
  public static final int MAX_FRAMES = 256;

  /** Check flag: bitstring_overflow. */
  public static final int BITSTRING_OVERFLOW = 1;

  /** Check flag: double_overflow. */
  public static final int DOUBLE_OVERFLOW = 2;

  /** Check flag: oversize_length (its bound is an argument). */
  public static final int OVERSIZE_LENGTH = 4;

  /** Offset mode: from the buffer start. */
  public static final int FROM_START = 0;

  /** Offset mode: absolute_offset. */
  public static final int ABSOLUTE = 1;

  /** Offset mode: relative_offset (from the cursor). */
  public static final int RELATIVE = 2;

  /**
   * True when an object decoded from {@code data[base .. base+len)} at the start the offset mode
   * gives fails one of the {@code checks}.
   */
  public static boolean matches(
      byte[] data,
      int base,
      int len,
      int cursor,
      int checks,
      long oversize,
      int mode,
      long offset) {
    long start =
        switch (mode) {
          case ABSOLUTE -> offset;
          case RELATIVE -> cursor + offset;
          default -> 0;
        };
    if (start < 0 || start > 0xFFFF || start >= len) {
      return false;
    }
    int pos = base + (int) start;
    int end = base + len;
    BerDecoder ber = new BerDecoder(data, checks, oversize);
    int frames = 0;
    boolean matched = false;
    while (pos < end) {
      if (frames >= MAX_FRAMES) {
        return false;
      }
      long r = ber.object(pos, end, MAX_FRAMES);
      if (r == BerDecoder.ERROR) {
        break;
      }
      frames++;
      matched |= (r & BerDecoder.MATCHED) != 0;
      pos = (int) (r & 0xFFFFFFFFL);
    }
    return matched;
  }
}
