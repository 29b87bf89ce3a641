package org.vigil.compiler.front;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigil.compiler.ir.Datarep;
import org.vigil.compiler.ir.DatasetMatch;

/**
 * Parsers of Suricata 7's {@code dataset} and {@code datarep}: comma-separated parts, the command
 * and set name (dataset) or the name, operator and value (datarep) first, then "key value" options
 * ({@code type}, {@code load}, {@code save}, {@code state}, {@code memcap}, {@code hashsize}; other
 * keys are ignored, as Suricata does). Both inspect the current sticky buffer. A load-only file
 * written relative is looked for beside the rule file first; save and state files must be relative
 * and without "..", as Suricata's default {@code datasets.rules} settings require.
 */
final class DatasetKeywords {
  private DatasetKeywords() {}

  static void register(Map<String, KeywordParser> m) {
    m.put("dataset", DatasetKeywords::dataset);
    m.put("datarep", DatasetKeywords::datarep);
  }

  /** Options after the leading parts. */
  private static final class Opts {
    String type;
    String load;
    String save;
    boolean state;
    long memcap;
    long hashsize;
  }

  private static void dataset(OptionArgs a, RuleBuilder r) {
    List<OptionArgs> parts = parts(a, r);
    if (parts.size() < 2) {
      throw a.error("expected command,name[,options], found '" + a.text() + "'");
    }
    String cmd = single(parts.get(0), "command");
    DatasetMatch.Command command = null;
    for (DatasetMatch.Command c : DatasetMatch.Command.values()) {
      if (c.text().equals(cmd)) {
        command = c;
      }
    }
    if (command == null) {
      throw parts
          .get(0)
          .error("unknown dataset command '" + cmd + "' (set, isset, isnotset, unset)");
    }
    String name = single(parts.get(1), "name");
    Opts o = options(parts, 2, a, true);
    r.add(
        new DatasetMatch(
            a.keywordPos(),
            command,
            name,
            o.type,
            o.load,
            o.save,
            o.memcap,
            o.hashsize,
            r.currentBuffer()));
  }

  private static void datarep(OptionArgs a, RuleBuilder r) {
    List<OptionArgs> parts = parts(a, r);
    if (parts.size() < 3) {
      throw a.error("expected name,operator,value[,options], found '" + a.text() + "'");
    }
    String name = single(parts.get(0), "name");
    String op = parts.get(1).text().replace(" ", "");
    Datarep.Operator operator = null;
    for (Datarep.Operator o : Datarep.Operator.values()) {
      if (o.text().equals(op)) {
        operator = o;
      }
    }
    if (operator == null) {
      throw parts.get(1).error("unknown datarep operator '" + op + "' (>, <, ==)");
    }
    int value = (int) parts.get(2).number("value", 0, 65535);
    Opts o = options(parts, 3, a, false);
    if (o.load != null && o.type == null) {
      throw a.error("datarep with load needs a type");
    }
    r.add(
        new Datarep(
            a.keywordPos(),
            name,
            operator,
            value,
            o.type,
            o.load,
            o.memcap,
            o.hashsize,
            r.currentBuffer()));
  }

  private static List<OptionArgs> parts(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    if (!r.stickyActive()) {
      throw new RuleException(
          a.keywordPos(),
          a.keyword() + " without a sticky buffer",
          a.keyword() + " is only supported for sticky buffers (dns.query, http.uri, ...)");
    }
    return a.split();
  }

  /** A part that is one name (no value after it). */
  private static String single(OptionArgs p, String what) {
    String t = p.text();
    if (t.isEmpty() || t.indexOf(' ') >= 0 || t.indexOf('\t') >= 0) {
      throw p.error("expected the " + what + ", found '" + t + "'");
    }
    return t;
  }

  private static Opts options(List<OptionArgs> parts, int from, OptionArgs a, boolean saves) {
    Opts o = new Opts();
    boolean load = false;
    boolean save = false;
    for (int i = from; i < parts.size(); i++) {
      OptionArgs p = parts.get(i);
      String text = p.text();
      int sp = text.indexOf(' ');
      if (sp < 0) {
        throw p.error("expected 'key value', found '" + text + "'");
      }
      String key = text.substring(0, sp);
      String val = text.substring(sp + 1).trim();
      switch (key) {
        case "type" -> {
          if (org.vigil.detect.api.Dataset.Type.of(val) == null) {
            throw p.error("bad type '" + val + "' (string, md5, sha256, ipv4, ipv6, ip)");
          }
          o.type = val;
        }
        case "load" -> {
          if (load) {
            throw p.error("'load' can only appear once");
          }
          load = true;
          o.load = val;
        }
        case "save", "state" -> {
          if (!saves) {
            continue; // datarep reads no save/state key (Suricata ignores it)
          }
          if (save || (key.equals("state") && load) || o.state) {
            throw p.error("'" + key + "' given twice or mixed with load/save");
          }
          save = true;
          o.state = key.equals("state");
          o.save = val;
          if (o.state) {
            o.load = val;
          }
          checkSavePath(p, val);
        }
        case "memcap" -> o.memcap = size(p, val);
        case "hashsize" -> o.hashsize = size(p, val);
        default -> {} // Suricata ignores other keys
      }
    }
    if (o.state && load && !o.load.equals(o.save)) {
      throw a.error("'state' can not be mixed with 'load' and 'save'");
    }
    if (o.load != null && o.save == null) {
      o.load = resolveLoad(a, o.load);
    }
    return o;
  }

  /** A relative load file beside the rule file when it is there, else as written. */
  private static String resolveLoad(OptionArgs a, String load) {
    Path p = Path.of(load);
    if (p.isAbsolute()) {
      return load;
    }
    Path dir = Path.of(a.keywordPos().file()).toAbsolutePath().getParent();
    if (dir != null && Files.exists(dir.resolve(p))) {
      return dir.resolve(p).toString();
    }
    return load;
  }

  private static void checkSavePath(OptionArgs p, String path) {
    if (Path.of(path).isAbsolute()) {
      throw p.error("absolute paths are not allowed for save/state: " + path);
    }
    for (Path seg : Path.of(path)) {
      if (seg.toString().equals("..")) {
        throw p.error("directory traversals are not allowed: " + path);
      }
    }
  }

  /** A size: a number with an optional kb/mb/gb unit (1024-based). */
  private static long size(OptionArgs p, String v) {
    String t = v.toLowerCase(Locale.ROOT).replace(" ", "");
    long unit = 1;
    for (String[] u : new String[][] {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}}) {
      if (t.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        t = t.substring(0, t.length() - 2);
      }
    }
    try {
      return Long.parseLong(t) * unit;
    } catch (NumberFormatException e) {
      throw p.error("bad size '" + v + "'");
    }
  }
}
