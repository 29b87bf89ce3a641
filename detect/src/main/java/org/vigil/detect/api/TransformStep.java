package org.vigil.detect.api;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of Suricata's buffer transforms that takes an argument, built once per generated class from
 * its spec: {@code xor} ({@code "xor:" + hex key}: each byte XORed with the key byte at its
 * position modulo the key length) and {@code pcrexform} ({@code "pcrexform:" + java.util.regex
 * flags + ":" + translated regex}: the buffer becomes the first capture group of the regex's first
 * match, and stays as it is without a match, when that group took no part in it, or when the search
 * runs past the read budget a pcre search has).
 */
public final class TransformStep {
  private final byte[] key;
  private final Pattern regex;

  private TransformStep(byte[] key, Pattern regex) {
    this.key = key;
    this.regex = regex;
  }

  /** The step of {@code spec} ({@code xor:<hex>} or {@code pcrexform:<flags>:<regex>}). */
  public static TransformStep of(String spec) {
    if (spec.startsWith("xor:")) {
      byte[] k = HexFormat.of().parseHex(spec.substring(4));
      if (k.length == 0) {
        throw new IllegalArgumentException("empty xor key");
      }
      return new TransformStep(k, null);
    }
    if (spec.startsWith("pcrexform:")) {
      int colon = spec.indexOf(':', 10);
      int flags = Integer.parseInt(spec.substring(10, colon));
      return new TransformStep(null, Pattern.compile(spec.substring(colon + 1), flags));
    }
    throw new IllegalArgumentException("unknown transform step " + spec);
  }

  /** The bytes {@code data[off, off+len)} after this step, a new array. */
  public byte[] apply(byte[] data, int off, int len) {
    if (key != null) {
      byte[] o = new byte[len];
      for (int i = 0; i < len; i++) {
        o[i] = (byte) (data[off + i] ^ key[i % key.length]);
      }
      return o;
    }
    // read through a budget as a pcre search is (PCRE2's match limit): past it, no match
    BudgetedLatin1 subject = new BudgetedLatin1();
    subject.set(
        data,
        off,
        len,
        RuleGuard.START_BUDGETS * (long) RuleGuard.STEPS_PER_MATCH * RuleGuard.DEFAULT_MATCH_LIMIT
            + (long) RuleGuard.STEPS_PER_BYTE * (len + 1L));
    try {
      Matcher m = regex.matcher(subject);
      if (m.find() && m.start(1) >= 0) {
        return java.util.Arrays.copyOfRange(data, off + m.start(1), off + m.end(1));
      }
    } catch (BudgetedLatin1.Exhausted | StackOverflowError e) {
      // as a pcre2_match that hit its limit: the buffer stays as it is
    }
    return java.util.Arrays.copyOfRange(data, off, off + len);
  }
}
