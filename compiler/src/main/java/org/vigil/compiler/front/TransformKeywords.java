package org.vigil.compiler.front;

import java.util.Map;
import org.vigil.compiler.ir.Transform;

/**
 * Parsers of Suricata's buffer transforms without arguments (dotprefix, strip_whitespace,
 * compress_whitespace, to_lowercase, to_uppercase, url_decode, to_md5, to_sha1, to_sha256,
 * header_lowercase): each must follow a sticky buffer keyword (or another transform) directly.
 */
final class TransformKeywords {
  private TransformKeywords() {}

  static void register(Map<String, KeywordParser> m) {
    for (Transform.Kind k : Transform.Kind.values()) {
      m.put(k.keyword(), (a, r) -> transform(a, r, k));
    }
  }

  private static void transform(OptionArgs a, RuleBuilder r, Transform.Kind k) {
    a.requireEmpty();
    if (!r.stickyActive() || r.emptySticky() != r.currentBuffer()) {
      throw new RuleException(
          a.keywordPos(),
          "transform not after a sticky buffer",
          k.keyword()
              + " must follow a sticky buffer keyword (http.host, http.uri, ...) before any option"
              + " that inspects it");
    }
    r.add(new Transform(a.keywordPos(), k, r.currentBuffer()));
  }
}
