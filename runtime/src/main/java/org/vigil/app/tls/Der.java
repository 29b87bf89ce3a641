package org.vigil.app.tls;

/**
 * A bounded reader of DER (and definite-length BER) elements over a byte range: each element is
 * read as tag, length and content bounds, checked against its parent's end. It never recurses (the
 * certificate reader walks a fixed path), rejects indefinite and over-long lengths, and throws
 * {@link Invalid} on anything malformed.
 */
final class Der {
  /** A malformed element. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * One element.
   *
   * @param tag its identifier octet (single-byte tags only)
   * @param start where its identifier is
   * @param contentStart where its content begins
   * @param end where it ends (exclusive)
   */
  record Element(int tag, int start, int contentStart, int end) {
    int contentLength() {
      return end - contentStart;
    }
  }

  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OID = 0x06;
  static final int UTC_TIME = 0x17;
  static final int GENERALIZED_TIME = 0x18;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;

  private Der() {}

  /** The element at {@code b[p]}, which must end by {@code limit}. */
  static Element read(byte[] b, int p, int limit) throws Invalid {
    if (p + 2 > limit) {
      throw new Invalid("truncated element at " + p);
    }
    int tag = b[p] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      throw new Invalid("multi-byte tag at " + p);
    }
    int l = b[p + 1] & 0xFF;
    int q = p + 2;
    long len;
    if (l < 0x80) {
      len = l;
    } else {
      int n = l & 0x7F;
      if (n == 0 || n > 4 || q + n > limit) {
        throw new Invalid("bad length at " + p);
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (b[q + i] & 0xFF);
      }
      q += n;
    }
    if (len > limit - q) {
      throw new Invalid("element at " + p + " runs past its parent");
    }
    return new Element(tag, p, q, q + (int) len);
  }

  /** The element at {@code b[p]} ending by {@code limit}, which must have tag {@code tag}. */
  static Element expect(byte[] b, int p, int limit, int tag) throws Invalid {
    Element e = read(b, p, limit);
    if (e.tag() != tag) {
      throw new Invalid(String.format("tag %02x expected at %d, found %02x", tag, p, e.tag()));
    }
    return e;
  }

  /** The OID in the content of {@code e}, dotted. */
  static String oid(byte[] b, Element e) throws Invalid {
    if (e.contentLength() == 0 || e.contentLength() > 64) {
      throw new Invalid("bad OID length");
    }
    StringBuilder sb = new StringBuilder();
    long v = 0;
    boolean first = true;
    for (int i = e.contentStart(); i < e.end(); i++) {
      v = (v << 7) | (b[i] & 0x7F);
      if (v > (1L << 56)) {
        throw new Invalid("OID arc too large");
      }
      if ((b[i] & 0x80) == 0) {
        if (first) {
          long x = v < 80 ? v / 40 : 2;
          sb.append(x).append('.').append(v - 40 * x);
          first = false;
        } else {
          sb.append('.').append(v);
        }
        v = 0;
      }
    }
    return sb.toString();
  }
}
