package org.vigil.compiler.front;

import java.util.Map;
import org.vigil.compiler.ir.Transform;

/**
 * Parsers of Suricata's buffer transforms (dotprefix, strip_whitespace, compress_whitespace,
 * to_lowercase, to_uppercase, url_decode, to_md5, to_sha1, to_sha256, header_lowercase, and xor and
 * pcrexform with their quoted key or regex): each follows a sticky buffer keyword, before any
 * option that consumed earlier transforms of it (Suricata's rule: transforms written after options
 * that already inspected the buffer untransformed make a second, transformed instance of it).
 */
final class TransformKeywords {
  private TransformKeywords() {}

  static void register(Map<String, KeywordParser> m) {
    for (Transform.Kind k : Transform.Kind.values()) {
      m.put(k.keyword(), (a, r) -> transform(a, r, k));
    }
  }

  private static void transform(OptionArgs a, RuleBuilder r, Transform.Kind k) {
    String argument = null;
    if (k.takesArgument()) {
      a.requireValue();
      if (!a.isQuoted() || a.negated()) {
        throw a.error(k.keyword() + " needs a quoted value, found '" + a.text() + "'");
      }
      argument = a.unquotedText(true);
      if (k == Transform.Kind.XOR) {
        argument = xorKey(a, argument);
      } else if (argument.isEmpty()) {
        throw a.error("pcrexform needs a regex");
      }
    } else {
      a.requireEmpty();
    }
    if (!r.transformsOpen()) {
      throw new RuleException(
          a.keywordPos(),
          "transform not after a sticky buffer",
          k.keyword()
              + " must follow a sticky buffer keyword (http.host, http.uri, ...) before any option"
              + " that inspects it");
    }
    r.add(new Transform(a.keywordPos(), k, r.currentBuffer(), argument));
  }

  /** The xor key as lower-case hex: an even number of hex digits, 1 to 255 bytes. */
  private static String xorKey(OptionArgs a, String key) {
    if (key.isEmpty() || key.length() % 2 != 0) {
      throw a.error("the xor key needs an even, non-zero number of hex digits");
    }
    if (key.length() / 2 > 255) {
      throw a.error("the xor key is longer than 255 bytes");
    }
    for (char c : key.toCharArray()) {
      if (Character.digit(c, 16) < 0 || c > 127) {
        throw a.error("the xor key must be hex digits only, found '" + key + "'");
      }
    }
    return key.toLowerCase(java.util.Locale.ROOT);
  }
}
