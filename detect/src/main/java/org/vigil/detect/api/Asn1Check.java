package org.vigil.detect.api;

/**
 * The {@code asn1} keyword's checks on a bounded BER decoder, as Suricata 7 applies them: BER
 * objects are decoded one after another from the start offset until one does not decode (it and
 * what follows are ignored); more than {@link #MAX_FRAMES} objects, or nesting deeper than {@link
 * #MAX_FRAMES} levels, decodes nothing. Universal SEQUENCE and SET contents are decoded as nested
 * objects; other contents are opaque. A decoded object matches {@code oversize_length n} when its
 * declared length exceeds n, {@code bitstring_overflow} when a primitive BIT STRING's unused-bits
 * count exceeds its length in bits, {@code double_overflow} when a primitive REAL in decimal
 * encoding is longer than 256 bytes. Recursion is bounded by the nesting limit.
 */
public final class Asn1Check {
  private Asn1Check() {}

  /** Suricata's default bound on objects per buffer and on nesting depth. */
  public static final int MAX_FRAMES = 30;

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

  private static final long ERROR = -1;
  private static final long MATCHED = 1L << 40;

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
    int frames = 0;
    boolean matched = false;
    while (pos < end) {
      if (frames >= MAX_FRAMES) {
        return false;
      }
      long r = object(data, pos, end, 0, checks, oversize);
      if (r == ERROR) {
        break;
      }
      frames++;
      matched |= (r & MATCHED) != 0;
      pos = (int) (r & 0xFFFFFFFFL);
    }
    return matched;
  }

  /**
   * Decodes the object at {@code pos} (ending by {@code end}) at nesting {@code depth}: its end
   * offset, with {@link #MATCHED} set when it or an object inside failed a check, or {@link
   * #ERROR}.
   */
  private static long object(byte[] b, int pos, int end, int depth, int checks, long oversize) {
    if (depth >= MAX_FRAMES || pos >= end) {
      return ERROR;
    }
    int id = b[pos++] & 0xFF;
    boolean constructed = (id & 0x20) != 0;
    boolean universal = (id & 0xC0) == 0;
    long tag = id & 0x1F;
    if (tag == 0x1F) {
      tag = 0;
      for (int n = 0; ; n++) {
        if (pos >= end || n == 4) {
          return ERROR;
        }
        int c = b[pos++] & 0xFF;
        tag = (tag << 7) | (c & 0x7F);
        if ((c & 0x80) == 0) {
          break;
        }
      }
    }
    if (pos >= end) {
      return ERROR;
    }
    int first = b[pos++] & 0xFF;
    long length;
    if (first < 0x80) {
      length = first;
    } else if (first == 0x80 || first == 0xFF || first > 0x88) {
      return ERROR; // indefinite or reserved forms are not decoded
    } else {
      length = 0;
      for (int n = first & 0x7F; n > 0; n--) {
        if (pos >= end) {
          return ERROR;
        }
        length = (length << 8) | (b[pos++] & 0xFF);
      }
      if (length < 0) {
        return ERROR;
      }
    }
    if (length > end - pos) {
      return ERROR; // incomplete
    }
    int contentEnd = pos + (int) length;
    boolean matched = false;
    if ((checks & OVERSIZE_LENGTH) != 0 && length > oversize) {
      matched = true;
    }
    if (universal) {
      if ((tag == 16 || tag == 17) && !constructed) {
        return ERROR; // SEQUENCE and SET are constructed
      }
      if ((tag == 1 && length != 1) || (tag == 5 && length != 0)) {
        return ERROR; // BOOLEAN and NULL have fixed sizes
      }
      if (!constructed
          && tag == 3
          && (checks & BITSTRING_OVERFLOW) != 0
          && length > 0
          && (b[pos] & 0xFF) > length * 8) {
        matched = true;
      }
      if (!constructed
          && tag == 9
          && (checks & DOUBLE_OVERFLOW) != 0
          && length > 256
          && (b[pos] & 0xC0) == 0) {
        matched = true;
      }
      if (constructed && (tag == 16 || tag == 17)) {
        int p = pos;
        while (p < contentEnd) {
          long r = object(b, p, contentEnd, depth + 1, checks, oversize);
          if (r == ERROR) {
            return ERROR;
          }
          matched |= (r & MATCHED) != 0;
          p = (int) (r & 0xFFFFFFFFL);
        }
      }
    }
    return contentEnd | (matched ? MATCHED : 0);
  }
}
