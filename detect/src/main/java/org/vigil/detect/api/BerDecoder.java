package org.vigil.detect.api;

/**
 * The BER decoder behind {@link Asn1Check}, accepting what Suricata 7's decoder (der-parser 8 over
 * asn1-rs 0.5) accepts: identifiers with up to five tag bytes; definite lengths in short or long
 * form (up to eight significant length bytes) and indefinite lengths on constructed objects, whose
 * content runs to an end-of-contents pair found within {@link #SKIP_DEPTH} levels; universal
 * objects validated by type (BOOLEAN of one byte, BIT STRING primitive and not empty, ENUMERATED
 * primitive of at most 32 bits, strings primitive in their character set, times well-formed,
 * SEQUENCE and SET constructed with every element valid); other classes opaque. One decoder is made
 * per evaluation; recursion is bounded by the nesting bound and by {@link #SKIP_DEPTH}.
 */
final class BerDecoder {
  /** Not an object: malformed, incomplete or nested too deep. */
  static final long ERROR = -1;

  /** Set in a result when the object or one inside it failed a check. */
  static final long MATCHED = 1L << 40;

  /** The most levels an indefinite-length content is searched for its end. */
  static final int SKIP_DEPTH = 50;

  private final byte[] b;
  private final int checks;
  private final long oversize;

  // the header parsed last (valid until the next one is parsed)
  private int cls;
  private boolean constructed;
  private long tag;
  private boolean definite;
  private long length;

  BerDecoder(byte[] b, int checks, long oversize) {
    this.b = b;
    this.checks = checks;
    this.oversize = oversize;
  }

  /**
   * Decodes the object at {@code pos} (the data ending by {@code end}) allowed {@code depth} more
   * levels: its end, with {@link #MATCHED} when it or an object inside failed a check, or {@link
   * #ERROR}.
   */
  long object(int pos, int end, int depth) {
    if (depth <= 0) {
      return ERROR;
    }
    int p = header(pos, end);
    if (p < 0) {
      return ERROR;
    }
    // this object's header: the fields are reused by the headers parsed below
    int c = cls;
    boolean cons = constructed;
    long t = tag;
    boolean def = definite;
    long len = length;
    int contentEnd;
    int next;
    if (def) {
      if (len > end - p) {
        return ERROR; // incomplete
      }
      contentEnd = p + (int) len;
      next = contentEnd;
    } else {
      next = skipIndefinite(p, end, SKIP_DEPTH);
      if (next < 0) {
        return ERROR;
      }
      contentEnd = next - 2;
    }
    boolean matched = false;
    if (c == 0) {
      if (!BerContent.valid(b, p, contentEnd, t, cons)) {
        return ERROR;
      }
      if (t == 16 || t == 17) {
        for (int q = p; q < contentEnd; ) {
          long r = object(q, contentEnd, depth - 1);
          if (r == ERROR) {
            return ERROR;
          }
          matched |= (r & MATCHED) != 0;
          q = (int) (r & 0xFFFFFFFFL);
        }
      }
    }
    if (def && failsCheck(p, c, cons, t, len)) {
      matched = true;
    }
    return next | (matched ? MATCHED : 0);
  }

  /** The checks of a decoded object with a definite length and content at {@code p}. */
  private boolean failsCheck(int p, int c, boolean cons, long t, long len) {
    if ((checks & Asn1Check.OVERSIZE_LENGTH) != 0 && len > oversize) {
      return true;
    }
    if (c != 0 || cons) {
      return false;
    }
    if (t == 3 && (checks & Asn1Check.BITSTRING_OVERFLOW) != 0) {
      // a valid BIT STRING has its unused-bits byte
      return len > 0 && (b[p] & 0xFF) > len * 8;
    }
    if (t == 9 && (checks & Asn1Check.DOUBLE_OVERFLOW) != 0) {
      return len > 256 && (b[p] & 0xC0) == 0;
    }
    return false;
  }

  /**
   * Parses an identifier and length at {@code pos}: the content start, the header in the fields, or
   * -1.
   */
  private int header(int pos, int end) {
    if (pos >= end) {
      return -1;
    }
    int id = b[pos] & 0xFF;
    cls = id >>> 6;
    constructed = (id & 0x20) != 0;
    long t = id & 0x1F;
    int n = 1;
    if (t == 0x1F) {
      t = 0;
      while (true) {
        if (n >= end - pos || n > 5) {
          return -1;
        }
        int x = b[pos + n] & 0xFF;
        t = ((t << 7) | (x & 0x7F)) & 0xFFFFFFFFL;
        n++;
        if ((x & 0x80) == 0) {
          break;
        }
      }
    }
    tag = t;
    int p = pos + n;
    if (p >= end) {
      return -1;
    }
    int first = b[p++] & 0xFF;
    if (first < 0x80) {
      definite = true;
      length = first;
      return p;
    }
    if (first == 0x80) {
      if (!constructed) {
        return -1;
      }
      definite = false;
      length = 0;
      return p;
    }
    int count = first & 0x7F;
    if (count == 0x7F || count > end - p) {
      return -1;
    }
    long l = 0;
    for (int i = 0; i < count; i++) {
      if ((l & 0xFF00_0000_0000_0000L) != 0) {
        return -1;
      }
      l = (l << 8) | (b[p + i] & 0xFF);
    }
    definite = true;
    length = l < 0 ? Long.MAX_VALUE : l;
    return p + count;
  }

  /**
   * The end of an indefinite-length content starting at {@code p} (just past its end-of-contents
   * pair), its elements skipped with {@code depth} levels left; -1 when it does not end.
   */
  private int skipIndefinite(int p, int end, int depth) {
    if (depth <= 0) {
      return -1;
    }
    while (true) {
      int q = header(p, end);
      if (q < 0) {
        return -1;
      }
      if (definite) {
        if (depth - 1 <= 0) {
          return -1;
        }
        if (length == 0 && tag == 0) {
          return q; // end of contents
        }
        if (length > end - q) {
          return -1;
        }
        p = q + (int) length;
      } else {
        p = skipIndefinite(q, end, depth - 1);
        if (p < 0) {
          return -1;
        }
      }
    }
  }
}
