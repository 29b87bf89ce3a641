package org.vigil.detect.api;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of Suricata's buffer transforms that takes an argument, built once per generated class from
 * its spec: {@code xor} ({@code "xor:" + hex key}: each byte XORed with the key byte at its
 * position modulo the key length) and {@code pcrexform} ({@code "pcrexform:" + java.util.regex
 * flags + ":" + translated regex}: the buffer becomes the first capture group of the regex's first
 * match, and stays as it is without a match or when that group took no part in it).
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
    String subject = new String(data, off, len, StandardCharsets.ISO_8859_1);
    Matcher m = regex.matcher(subject);
    if (m.find() && m.start(1) >= 0) {
      return subject.substring(m.start(1), m.end(1)).getBytes(StandardCharsets.ISO_8859_1);
    }
    return java.util.Arrays.copyOfRange(data, off, off + len);
  }
}
