package org.vigil.app.smtp;

/** Byte and text tests on SMTP lines as Suricata's parser makes them. */
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

  /** Suricata's reply codes: a reply line starting with another is invalid. */
  private static final java.util.Set<Integer> REPLY_CODES =
      java.util.Set.of(
          211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 450, 451, 452, 455, 500, 501, 502,
          503, 504, 550, 551, 552, 553, 554, 555);

  /** The reply code a reply line (at least 3 bytes) starts with, or -1 when it is none of them. */
  static int replyCode(byte[] l) {
    if (!digit(l[0]) || !digit(l[1]) || !digit(l[2])) {
      return -1;
    }
    int code = (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
    return REPLY_CODES.contains(code) ? code : -1;
  }

  /** True for an ASCII digit. */
  static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The argument of "MAIL FROM:x" / "RCPT TO:x" after the colon ({@code arg} is "FROM:x") up to the
   * next space, as Suricata keeps it (the parameters after it, SIZE=, BODY=..., are dropped).
   */
  static String afterColon(String arg, String word) {
    int colon = arg.indexOf(':');
    String v = arg;
    if (colon >= 0 && arg.substring(0, colon).strip().equalsIgnoreCase(word)) {
      v = arg.substring(colon + 1).strip();
    }
    int sp = v.indexOf(' ');
    return sp < 0 ? v : v.substring(0, sp);
  }

  /** The index of the first {@code c} in {@code b[from..end)}, or -1. */
  static int indexOf(byte[] b, int from, int end, byte c) {
    for (int i = from; i < end; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
