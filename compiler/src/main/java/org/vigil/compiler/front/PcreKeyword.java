package org.vigil.compiler.front;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Pcre;
import org.vigil.compiler.ir.PcreFlag;

/** Parser of pcre: {@code pcre:[!]"/regex/flags"} with every Snort flag. */
final class PcreKeyword {
  private PcreKeyword() {}

  static void register(Map<String, KeywordParser> m) {
    m.put("pcre", PcreKeyword::pcre);
  }

  private static void pcre(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    if (!a.isQuoted()) {
      throw a.error("the expression must be quoted: pcre:\"/regex/flags\"");
    }
    String text = a.unquotedText(true);
    String regex;
    String flags;
    if (text.startsWith("/")) {
      int end = text.lastIndexOf('/');
      if (end <= 0) {
        throw a.error("missing closing '/' in '" + text + "'");
      }
      regex = text.substring(1, end);
      flags = text.substring(end + 1);
    } else if (text.startsWith("m") && text.length() > 2) {
      char open = text.charAt(1);
      char close =
          switch (open) {
            case '{' -> '}';
            case '(' -> ')';
            case '[' -> ']';
            case '<' -> '>';
            default -> open;
          };
      int end = text.lastIndexOf(close);
      if (end <= 1) {
        throw a.error("missing closing '" + close + "' in '" + text + "'");
      }
      regex = text.substring(2, end);
      flags = text.substring(end + 1);
    } else {
      throw a.error("the expression must look like \"/regex/flags\", found '" + text + "'");
    }
    Set<PcreFlag> set = EnumSet.noneOf(PcreFlag.class);
    Buffer flagBuffer = null;
    boolean relative = false;
    for (char f : flags.toCharArray()) {
      PcreFlag pf = PcreFlag.of(f);
      Buffer b = Buffer.ofPcreFlag(f);
      if (pf != null) {
        set.add(pf);
      } else if (b != null) {
        if (flagBuffer != null && flagBuffer != b) {
          throw a.error(
              "only one buffer flag is allowed, found '"
                  + flagBuffer.pcreFlag()
                  + "' and '"
                  + f
                  + "'");
        }
        flagBuffer = b;
      } else if (f == 'R') {
        relative = true;
      } else {
        throw a.error(
            "unknown flag '" + f + "' (allowed: i s m x A E G R U I P H D M C K S Y W Z V Q B O)");
      }
    }
    if (flagBuffer != null && set.contains(PcreFlag.RAWBYTES)) {
      throw a.error(
          "flag 'B' (raw bytes) is inconsistent with buffer flag '" + flagBuffer.pcreFlag() + "'");
    }
    Buffer buffer;
    if (r.stickyActive()) {
      if (flagBuffer != null && flagBuffer != r.currentBuffer()) {
        throw new RuleException(
            a.keywordPos(),
            "pcre buffer flag after sticky buffer",
            "pcre flag '"
                + flagBuffer.pcreFlag()
                + "' ("
                + flagBuffer.keyword()
                + ") used while the sticky buffer "
                + r.currentBuffer().keyword()
                + " is active; reset it with pkt_data first");
      }
      buffer = r.currentBuffer();
    } else {
      buffer = flagBuffer == null ? Buffer.PKT_DATA : flagBuffer;
    }
    if (relative && !r.stickyActive() && r.lastMatchIn(buffer, null) == null) {
      throw new RuleException(
          a.keywordPos(),
          "relative without preceding match",
          "pcre with /R (relative) needs a preceding content or pcre in the same buffer ("
              + buffer.keyword()
              + ")");
    }
    r.add(new Pcre(a.keywordPos(), a.negated(), regex, set, buffer, relative));
  }
}
