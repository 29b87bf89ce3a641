package org.vigil.app.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * What Suricata 7 logs and matches of a certificate, read from its DER by {@link Der}: subject and
 * issuer as "C=US, O=..., CN=..." (attributes in certificate order, short names as Suricata's X.509
 * parser prints them, dotted OIDs for others, multi-valued RDNs joined by " + "), the serial as
 * upper-case colon-separated hex of its content bytes, the SHA-1 fingerprint as lower-case
 * colon-separated hex, and the validity dates as "YYYY-MM-DDTHH:MM:SS".
 *
 * @param subject the subject
 * @param issuer the issuer
 * @param serial the serial number
 * @param fingerprint the SHA-1 of the DER
 * @param notBefore the start of validity
 * @param notAfter the end of validity
 */
public record X509Summary(
    String subject,
    String issuer,
    String serial,
    String fingerprint,
    String notBefore,
    String notAfter) {

  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("2.5.4.3", "CN"),
          Map.entry("2.5.4.4", "SN"),
          Map.entry("2.5.4.5", "serialNumber"),
          Map.entry("2.5.4.6", "C"),
          Map.entry("2.5.4.7", "L"),
          Map.entry("2.5.4.8", "ST"),
          Map.entry("2.5.4.9", "streetAddress"),
          Map.entry("2.5.4.10", "O"),
          Map.entry("2.5.4.11", "OU"),
          Map.entry("2.5.4.12", "title"),
          Map.entry("2.5.4.15", "businessCategory"),
          Map.entry("2.5.4.17", "postalCode"),
          Map.entry("2.5.4.42", "givenName"),
          Map.entry("2.5.4.46", "dnQualifier"),
          Map.entry("1.2.840.113549.1.9.1", "emailAddress"),
          Map.entry("0.9.2342.19200300.100.1.1", "UID"),
          Map.entry("0.9.2342.19200300.100.1.25", "DC"));

  /**
   * The summary of the certificate at {@code der[off..off+len)}, or null when it does not parse.
   */
  public static X509Summary parse(byte[] der, int off, int len) {
    try {
      int end = off + len;
      Der.Element cert = Der.expect(der, off, end, Der.SEQUENCE);
      Der.Element tbs = Der.expect(der, cert.contentStart(), cert.end(), Der.SEQUENCE);
      int p = tbs.contentStart();
      int limit = tbs.end();
      Der.Element e = Der.read(der, p, limit);
      if (e.tag() == 0xA0) { // [0] version
        p = e.end();
        e = Der.read(der, p, limit);
      }
      if (e.tag() != Der.INTEGER) {
        throw new Der.Invalid("serial expected");
      }
      String serial = hex(der, e.contentStart(), e.end(), true);
      p = Der.expect(der, e.end(), limit, Der.SEQUENCE).end(); // signature algorithm
      Der.Element issuer = Der.expect(der, p, limit, Der.SEQUENCE);
      Der.Element validity = Der.expect(der, issuer.end(), limit, Der.SEQUENCE);
      Der.Element notBefore = Der.read(der, validity.contentStart(), validity.end());
      Der.Element notAfter = Der.read(der, notBefore.end(), validity.end());
      Der.Element subject = Der.expect(der, validity.end(), limit, Der.SEQUENCE);
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(slice(der, off, cert.end()));
      return new X509Summary(
          name(der, subject),
          name(der, issuer),
          serial,
          hex(sha1, 0, sha1.length, false),
          time(der, notBefore),
          time(der, notAfter));
    } catch (Der.Invalid | NoSuchAlgorithmException ex) {
      return null;
    }
  }

  private static byte[] slice(byte[] b, int from, int to) {
    return java.util.Arrays.copyOfRange(b, from, to);
  }

  /** A Name (SEQUENCE OF RDN SET OF AttributeTypeAndValue) as Suricata prints it. */
  private static String name(byte[] b, Der.Element seq) throws Der.Invalid {
    StringBuilder sb = new StringBuilder();
    int p = seq.contentStart();
    while (p < seq.end()) {
      Der.Element rdn = Der.expect(b, p, seq.end(), Der.SET);
      int q = rdn.contentStart();
      boolean firstInRdn = true;
      while (q < rdn.end()) {
        Der.Element atv = Der.expect(b, q, rdn.end(), Der.SEQUENCE);
        Der.Element type = Der.expect(b, atv.contentStart(), atv.end(), Der.OID);
        Der.Element value = Der.read(b, type.end(), atv.end());
        if (sb.length() > 0) {
          sb.append(firstInRdn ? ", " : " + ");
        }
        String oid = Der.oid(b, type);
        sb.append(NAMES.getOrDefault(oid, oid)).append('=').append(text(b, value));
        firstInRdn = false;
        q = atv.end();
      }
      p = rdn.end();
    }
    return sb.toString();
  }

  /** A directory string's text: UTF-8, BMP (UTF-16BE) or single-byte strings. */
  private static String text(byte[] b, Der.Element v) {
    int s = v.contentStart();
    int n = v.contentLength();
    return switch (v.tag()) {
      case 0x0C -> new String(b, s, n, StandardCharsets.UTF_8);
      case 0x1E -> new String(b, s, n, StandardCharsets.UTF_16BE);
      default -> new String(b, s, n, StandardCharsets.ISO_8859_1);
    };
  }

  /** UTCTime (YYMMDDHHMM[SS]Z, years 50-99 in the 1900s) or GeneralizedTime, ISO formatted. */
  private static String time(byte[] b, Der.Element t) throws Der.Invalid {
    String s = new String(b, t.contentStart(), t.contentLength(), StandardCharsets.ISO_8859_1);
    String digits;
    if (t.tag() == Der.UTC_TIME) {
      if (s.length() < 10) {
        throw new Der.Invalid("short UTCTime");
      }
      int yy = Integer.parseInt(checkDigits(s.substring(0, 2)));
      digits = (yy >= 50 ? "19" : "20") + s;
    } else if (t.tag() == Der.GENERALIZED_TIME) {
      digits = s;
    } else {
      throw new Der.Invalid("time expected");
    }
    if (digits.length() < 12) {
      throw new Der.Invalid("short time");
    }
    String sec =
        digits.length() >= 14 && Character.isDigit(digits.charAt(12))
            ? digits.substring(12, 14)
            : "00";
    checkDigits(digits.substring(0, 12) + sec);
    return digits.substring(0, 4)
        + "-"
        + digits.substring(4, 6)
        + "-"
        + digits.substring(6, 8)
        + "T"
        + digits.substring(8, 10)
        + ":"
        + digits.substring(10, 12)
        + ":"
        + sec;
  }

  private static String checkDigits(String s) throws Der.Invalid {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        throw new Der.Invalid("digit expected in time");
      }
    }
    return s;
  }

  /** Colon-separated hex of {@code b[from..to)}, upper or lower case. */
  static String hex(byte[] b, int from, int to, boolean upper) {
    StringBuilder sb = new StringBuilder(Math.max(0, (to - from) * 3));
    String digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (int i = from; i < to; i++) {
      if (i > from) {
        sb.append(':');
      }
      sb.append(digits.charAt((b[i] >> 4) & 0xF)).append(digits.charAt(b[i] & 0xF));
    }
    return sb.toString();
  }
}
