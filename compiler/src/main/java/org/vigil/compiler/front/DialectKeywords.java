package org.vigil.compiler.front;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigil.compiler.ir.AppLayerProtocol;
import org.vigil.compiler.ir.Bsize;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Flowbits;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.Target;

/**
 * Parsers of the keywords Suricata's dialect adds to Snort 2.9's that Vigil builds on the same IR:
 * the content modifiers startswith and endswith, bsize, app-layer-protocol, target and noalert.
 */
final class DialectKeywords {
  private DialectKeywords() {}

  private static final String MOD = "content modifier conflict";

  static void register(Map<String, KeywordParser> m) {
    m.put("startswith", DialectKeywords::startsWith);
    m.put("endswith", DialectKeywords::endsWith);
    m.put("bsize", DialectKeywords::bsize);
    m.put("app-layer-protocol", DialectKeywords::appLayerProtocol);
    m.put("target", DialectKeywords::target);
    m.put(
        "noalert",
        (a, r) -> {
          a.requireEmpty();
          r.add(
              new Flowbits(
                  a.keywordPos(), Flowbits.Command.NOALERT, List.of(), Flowbits.Join.SINGLE, null));
        });
  }

  private static ContentDraft content(OptionArgs a, RuleBuilder r) {
    a.requireEmpty();
    ContentDraft c = r.lastContent();
    if (c == null) {
      throw new RuleException(
          a.keywordPos(), "modifier without content", a.keyword() + " needs a preceding content");
    }
    if (c.fastPatternOnly()) {
      throw new RuleException(
          a.keywordPos(), MOD, "can't use " + a.keyword() + " on a content with fast_pattern:only");
    }
    return c;
  }

  /** startswith: the match starts at the buffer's start, Suricata's offset:0 and depth:length. */
  private static void startsWith(OptionArgs a, RuleBuilder r) {
    ContentDraft c = content(a, r);
    if (c.absolute() || c.relative()) {
      throw new RuleException(
          a.keywordPos(),
          MOD,
          "startswith can't be mixed with offset, depth, distance or within on the same content");
    }
    c.offset = IntArg.of(0);
    c.depth = IntArg.of(c.pattern.length);
  }

  /** endswith: the match ends at the buffer's end. */
  private static void endsWith(OptionArgs a, RuleBuilder r) {
    ContentDraft c = content(a, r);
    if (c.endsWith) {
      throw new RuleException(a.keywordPos(), MOD, "can't use multiple endswith on one content");
    }
    c.endsWith = true;
  }

  private static void bsize(OptionArgs a, RuleBuilder r) {
    if (!r.stickyActive()) {
      throw new RuleException(
          a.keywordPos(),
          "bsize without a sticky buffer",
          "bsize needs a sticky buffer before it (http.uri, http.host, file.data, ...)");
    }
    Buffer b = r.currentBuffer();
    r.add(new Bsize(a.keywordPos(), Numeric.parse(a, Numeric.ALL, 0, 0xffffffffL), b));
  }

  private static void appLayerProtocol(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    boolean negated = a.negated();
    String name = (negated ? a.slice(1, a.size()) : a).text().toLowerCase(Locale.ROOT);
    r.add(new AppLayerProtocol(a.keywordPos(), HeaderProtocols.appName(name, a), negated));
  }

  private static void target(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    String w = a.word("target");
    Target.Side side =
        switch (w) {
          case "src_ip" -> Target.Side.SRC_IP;
          case "dest_ip" -> Target.Side.DEST_IP;
          default -> throw a.error("expected src_ip or dest_ip, found '" + w + "'");
        };
    r.add(new Target(a.keywordPos(), side));
  }
}
