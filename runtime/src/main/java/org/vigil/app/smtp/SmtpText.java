package org.vigil.app.smtp;

/** Byte tests on SMTP lines as Suricata's parser makes them. */
final class SmtpText {
  private SmtpText() {}

  /** True when the line's first bytes are {@code word}, in any case. */
  static boolean startsWith(byte[] l, int n, String word) {
    if (n < word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (Character.toUpperCase((char) (l[k] & 0xFF)) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** True when the reply line's text after its code is PIPELINING, in any case. */
  static boolean pipeliningAt4(byte[] l) {
    byte[] p = {'P', 'I', 'P', 'E', 'L', 'I', 'N', 'I', 'N', 'G'};
    for (int k = 0; k < p.length; k++) {
      if (Character.toUpperCase((char) (l[4 + k] & 0xFF)) != p[k]) {
        return false;
      }
    }
    return true;
  }

  /** True for an ASCII digit. */
  static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }
}
