package org.vigil.compiler.front;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.compiler.ir.Classtype;
import org.vigil.compiler.ir.Gid;
import org.vigil.compiler.ir.Metadata;
import org.vigil.compiler.ir.Msg;
import org.vigil.compiler.ir.Priority;
import org.vigil.compiler.ir.Reference;
import org.vigil.compiler.ir.Rev;
import org.vigil.compiler.ir.Sid;

/** Parsers of msg, reference, gid, sid, rev, classtype, priority and metadata. */
final class MetaKeywords {
  private MetaKeywords() {}

  static void register(Map<String, KeywordParser> m) {
    m.put("msg", MetaKeywords::msg);
    m.put("reference", MetaKeywords::reference);
    m.put("gid", (a, r) -> r.add(new Gid(a.keywordPos(), a.number("gid", 0, 0xffffffffL))));
    m.put("sid", (a, r) -> r.add(new Sid(a.keywordPos(), a.number("sid", 1, 0xffffffffL))));
    m.put("rev", (a, r) -> r.add(new Rev(a.keywordPos(), a.number("rev", 0, 0xffffffffL))));
    m.put(
        "priority",
        (a, r) -> r.add(new Priority(a.keywordPos(), (int) a.number("priority", 1, 255))));
    m.put("classtype", MetaKeywords::classtype);
    m.put("metadata", MetaKeywords::metadata);
  }

  private static void msg(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    if (!a.isQuoted() || a.negated()) {
      throw a.error("the message must be a quoted string");
    }
    r.add(new Msg(a.keywordPos(), utf8(a.unquotedText(false))));
  }

  /** Rule files are read byte for byte (ISO-8859-1); descriptive text is UTF-8. */
  static String utf8(String latin1) {
    for (int i = 0; i < latin1.length(); i++) {
      if (latin1.charAt(i) >= 0x80) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
    }
    return latin1;
  }

  private static void reference(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    String t = utf8(a.text()).replace("\\;", ";");
    int comma = t.indexOf(',');
    if (comma <= 0 || comma == t.length() - 1) {
      throw a.error("expected 'system,id', found '" + t + "'");
    }
    String system = t.substring(0, comma).strip();
    String id = t.substring(comma + 1).strip();
    if (system.isEmpty() || id.isEmpty()) {
      throw a.error("expected 'system,id', found '" + t + "'");
    }
    r.add(new Reference(a.keywordPos(), system, id));
  }

  private static final java.util.regex.Pattern CLASSTYPE =
      java.util.regex.Pattern.compile("[A-Za-z0-9_.\\-]+");

  private static void classtype(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    String t = a.text();
    if (!CLASSTYPE.matcher(t).matches()) {
      throw a.error("invalid classtype name '" + t + "'");
    }
    r.add(new Classtype(a.keywordPos(), t));
  }

  private static void metadata(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<Metadata.Entry> entries = new ArrayList<>();
    for (String part : utf8(a.text()).replace("\\;", ";").split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int sp = indexOfSpace(p);
      if (sp < 0) {
        entries.add(new Metadata.Entry(p, ""));
      } else {
        entries.add(new Metadata.Entry(p.substring(0, sp), p.substring(sp + 1).strip()));
      }
    }
    r.add(new Metadata(a.keywordPos(), entries));
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
