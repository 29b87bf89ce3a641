package org.vigil.compiler.front;

import java.util.Map;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.FastPattern;
import org.vigil.compiler.ir.IntArg;
import org.vigil.grammar.SnortLexer;

/**
 * Parsers of content, uricontent and the content modifiers (nocase, rawbytes, depth, offset,
 * distance, within, fast_pattern, http_*), with the consistency checks Suricata 7 applies at load.
 */
final class ContentKeywords {
  private ContentKeywords() {}

  private static final String MOD = "content modifier conflict";

  static void register(Map<String, KeywordParser> m) {
    m.put("content", (a, r) -> content(a, r, r.currentBuffer()));
    m.put("uricontent", ContentKeywords::uricontent);
    m.put("nocase", ContentKeywords::nocase);
    m.put("rawbytes", ContentKeywords::rawbytes);
    m.put("depth", (a, r) -> absolute(a, r, true));
    m.put("offset", (a, r) -> absolute(a, r, false));
    m.put("distance", (a, r) -> relative(a, r, true));
    m.put("within", (a, r) -> relative(a, r, false));
    m.put("fast_pattern", ContentKeywords::fastPattern);
    for (Buffer b : Buffer.values()) {
      if (b.modifier()) {
        m.put(b.keyword(), (a, r) -> httpModifier(a, r, b));
      }
    }
  }

  private static void content(OptionArgs a, RuleBuilder r, Buffer buffer) {
    a.requireValue();
    byte[] bytes = a.contentBytes();
    if (bytes.length == 0) {
      throw a.error("empty content");
    }
    r.addContent(new ContentDraft(a.keywordPos(), bytes, a.negated(), buffer));
  }

  private static void uricontent(OptionArgs a, RuleBuilder r) {
    content(a, r, Buffer.HTTP_URI);
    r.lastContent().bufferModified = true;
  }

  private static ContentDraft target(OptionArgs a, RuleBuilder r) {
    ContentDraft c = r.lastContent();
    if (c == null) {
      throw new RuleException(
          a.keywordPos(), "modifier without content", a.keyword() + " needs a preceding content");
    }
    return c;
  }

  private static void nocase(OptionArgs a, RuleBuilder r) {
    a.requireEmpty();
    ContentDraft c = target(a, r);
    c.nocase = true;
  }

  private static void rawbytes(OptionArgs a, RuleBuilder r) {
    a.requireEmpty();
    ContentDraft c = target(a, r);
    if (c.buffer.isHttp()) {
      throw new RuleException(
          a.keywordPos(), MOD, "rawbytes cannot be used on an " + c.buffer.keyword() + " content");
    }
    c.rawbytes = true;
  }

  private static IntArg intOrVar(OptionArgs a, RuleBuilder r, long min, long max) {
    a.requireValue();
    if (a.isWord()) {
      String name = a.get(0).getText();
      if (!r.hasVar(name)) {
        throw new RuleException(
            a.pos(),
            "unknown byte_extract variable",
            a.keyword() + ": unknown byte_extract variable '" + name + "'");
      }
      return new IntArg.Variable(name);
    }
    return IntArg.of(a.number(a.keyword(), min, max));
  }

  private static void commonChecks(OptionArgs a, ContentDraft c) {
    if (c.negated && c.fastPattern != null) {
      throw new RuleException(
          a.keywordPos(),
          MOD,
          "can't have " + a.keyword() + " on a negated content with fast_pattern");
    }
    if (c.fastPatternOnly()) {
      throw new RuleException(
          a.keywordPos(),
          MOD,
          "can't have " + a.keyword() + " on a content with fast_pattern:only");
    }
  }

  private static void absolute(OptionArgs a, RuleBuilder r, boolean depth) {
    ContentDraft c = target(a, r);
    String k = a.keyword();
    if (depth ? c.depth != null : c.offset != null) {
      throw new RuleException(
          a.keywordPos(), MOD, "can't use multiple " + k + " on the same content");
    }
    if (c.relative()) {
      throw new RuleException(
          a.keywordPos(), MOD, "can't mix " + k + " with distance/within on the same content");
    }
    commonChecks(a, c);
    IntArg v = intOrVar(a, r, depth ? 1 : 0, 65535);
    if (depth && v instanceof IntArg.Literal l && l.value() < c.pattern.length) {
      throw new RuleException(
          a.pos(),
          "depth smaller than content",
          "depth:" + l.value() + " is smaller than the content length " + c.pattern.length);
    }
    if (depth) {
      c.depth = v;
    } else {
      c.offset = v;
    }
  }

  private static void relative(OptionArgs a, RuleBuilder r, boolean distance) {
    ContentDraft c = target(a, r);
    String k = a.keyword();
    if (distance ? c.distance != null : c.within != null) {
      throw new RuleException(
          a.keywordPos(), MOD, "can't use multiple " + k + " on the same content");
    }
    if (c.absolute()) {
      throw new RuleException(
          a.keywordPos(), MOD, "can't mix " + k + " with depth/offset on the same content");
    }
    commonChecks(a, c);
    IntArg v = intOrVar(a, r, -65535, 65535);
    if (!distance && v instanceof IntArg.Literal l && l.value() < c.pattern.length) {
      throw new RuleException(
          a.pos(),
          "within smaller than content",
          "within:"
              + l.value()
              + " is smaller than the content length "
              + c.pattern.length
              + ", the rule can never match");
    }
    Object prev = r.lastMatchIn(c.buffer, c);
    if (prev instanceof ContentDraft p && p.fastPatternOnly()) {
      throw new RuleException(
          a.keywordPos(),
          "relative to fast_pattern:only",
          k
              + " is relative to a content with fast_pattern:only (line "
              + p.pos.line()
              + ", column "
              + p.pos.column()
              + "); relative matches cannot follow a fast_pattern:only content");
    }
    if (distance) {
      c.distance = v;
    } else {
      c.within = v;
    }
  }

  private static void fastPattern(OptionArgs a, RuleBuilder r) {
    ContentDraft c = target(a, r);
    if (a.isEmpty()) {
      if (c.negated && (c.relative() || c.absolute())) {
        throw new RuleException(
            a.keywordPos(),
            MOD,
            "fast_pattern cannot be used on a negated content with distance/within/offset/depth");
      }
      if (c.fastPattern != null) {
        throw new RuleException(
            a.keywordPos(), MOD, "can't use multiple fast_pattern on the same content");
      }
      for (ContentDraft o : r.contents()) {
        if (o != c && o.fastPattern instanceof FastPattern.Whole) {
          throw new RuleException(
              a.keywordPos(), MOD, "fast_pattern can be used on only one content in a rule");
        }
      }
      c.fastPattern = new FastPattern.Whole();
      return;
    }
    if (a.size() == 1 && a.type(0) == SnortLexer.WORD && a.get(0).getText().equals("only")) {
      if (c.negated || c.relative() || c.absolute()) {
        throw new RuleException(
            a.keywordPos(),
            MOD,
            "fast_pattern:only cannot be used on a negated content or with distance, within, offset or depth");
      }
      c.fastPattern = new FastPattern.Only();
      return;
    }
    var parts = a.split();
    if (parts.size() != 2) {
      throw a.error("expected 'only' or 'offset,length', found '" + a.text() + "'");
    }
    int off = (int) parts.get(0).number("fast_pattern offset", 0, 65535);
    int len = (int) parts.get(1).number("fast_pattern length", 1, 65535);
    if (off + len > c.pattern.length) {
      throw a.error(
          "offset+length " + (off + len) + " exceeds the content length " + c.pattern.length);
    }
    c.fastPattern = new FastPattern.Slice(off, len);
  }

  private static void httpModifier(OptionArgs a, RuleBuilder r, Buffer buffer) {
    a.requireEmpty();
    if (r.stickyActive()) {
      throw new RuleException(
          a.keywordPos(),
          "http modifier after sticky buffer",
          a.keyword()
              + " used while the sticky buffer "
              + r.currentBuffer().keyword()
              + " is active; reset it with pkt_data first");
    }
    ContentDraft c = target(a, r);
    if (c.rawbytes) {
      throw new RuleException(a.keywordPos(), MOD, a.keyword() + " cannot be used with rawbytes");
    }
    if (c.bufferModified && c.buffer != buffer) {
      throw new RuleException(
          a.keywordPos(),
          MOD,
          a.keyword() + " conflicts with " + c.buffer.keyword() + " on the same content");
    }
    c.buffer = buffer;
    c.bufferModified = true;
  }
}
