package org.vigil.app.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * JA3 and JA3S as published by Salesforce: the decimal fields of a ClientHello ("version,ciphers,
 * extensions,curves,point formats") or ServerHello ("version,cipher,extensions"), list items joined
 * by '-', GREASE values (RFC 8701: 0x?a?a with equal bytes) left out; the fingerprint is the MD5 of
 * that string in lower-case hex.
 */
final class Ja3 {
  /**
   * One MD5 per thread that hashes: {@code MessageDigest.getInstance} is a provider lookup and a
   * reflective construction, too dear to pay for every hash.
   */
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(Ja3::newMd5);

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final StringBuilder[] fields;

  /** A builder of {@code n} comma-separated fields. */
  Ja3(int n) {
    fields = new StringBuilder[n];
    for (int i = 0; i < n; i++) {
      fields[i] = new StringBuilder();
    }
  }

  /** True for a GREASE value. */
  static boolean grease(int v) {
    return (v & 0x0F0F) == 0x0A0A && (v >> 8) == (v & 0xFF);
  }

  /** Adds {@code v} to field {@code f} unless it is GREASE. */
  void add(int f, int v) {
    if (grease(v)) {
      return;
    }
    if (fields[f].length() > 0) {
      fields[f].append('-');
    }
    fields[f].append(v);
  }

  /** The JA3 string. */
  String text() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(fields[i]);
    }
    return sb.toString();
  }

  /** The lower-case hex MD5 of {@code s}. */
  static String md5(String s) {
    byte[] d = MD5.get().digest(s.getBytes(StandardCharsets.US_ASCII));
    byte[] hex = new byte[2 * d.length];
    for (int i = 0; i < d.length; i++) {
      hex[2 * i] = HEX[(d[i] >> 4) & 0xF];
      hex[2 * i + 1] = HEX[d[i] & 0xF];
    }
    return new String(hex, StandardCharsets.US_ASCII);
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a required JDK algorithm", e);
    }
  }
}
