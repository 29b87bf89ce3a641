package org.vigil.compiler.front;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.vigil.compiler.ir.Flowint;
import org.vigil.compiler.ir.Xbits;

/**
 * Parsers of Suricata's state keywords beyond flowbits: {@code xbits} (bits per host or host pair,
 * with an expiry), {@code flowint} (integer variables of the flow) and {@code app-layer-event} (an
 * event the transaction's parser raised).
 */
final class StateKeywords {
  private StateKeywords() {}

  /** A variable or bit name: what Suricata's rules use (letters, digits, '.', '_', '-'). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

  static void register(Map<String, KeywordParser> m) {
    m.put("xbits", StateKeywords::xbits);
    m.put("flowint", StateKeywords::flowint);
    m.put("app-layer-event", StateKeywords::appLayerEvent);
  }

  private static void appLayerEvent(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    String name = a.text();
    int id = org.vigil.detect.api.AppEvents.id(name.toLowerCase(Locale.ROOT));
    if (id < 0) {
      throw new RuleException(
          a.keywordPos(),
          "app-layer-event not raised",
          "app-layer-event '"
              + name
              + "' is not an event Vigil's parsers raise (rule skipped; they raise "
              + "http.*, tls.* and smb.* events)");
    }
    r.add(
        new org.vigil.compiler.ir.AppLayerEvent(a.keywordPos(), name.toLowerCase(Locale.ROOT), id));
  }

  private static void xbits(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<OptionArgs> parts = a.split();
    if (parts.size() < 3 || parts.size() > 4) {
      throw a.error(
          "expected cmd,name,track ip_src|ip_dst|ip_pair[,expire seconds], found '"
              + a.text()
              + "'");
    }
    String cmdText = parts.get(0).text().toLowerCase(Locale.ROOT);
    Xbits.Command cmd =
        switch (cmdText) {
          case "set" -> Xbits.Command.SET;
          case "unset" -> Xbits.Command.UNSET;
          case "toggle" -> Xbits.Command.TOGGLE;
          case "isset" -> Xbits.Command.ISSET;
          case "isnotset" -> Xbits.Command.ISNOTSET;
          default ->
              throw parts
                  .get(0)
                  .error("unknown command '" + cmdText + "' (set, unset, toggle, isset, isnotset)");
        };
    String name = name(parts.get(1), "bit");
    String[] track = parts.get(2).text().split("\\s+");
    if (track.length != 2 || !track[0].equalsIgnoreCase("track")) {
      throw parts.get(2).error("expected 'track ip_src|ip_dst|ip_pair'");
    }
    Xbits.Track t =
        switch (track[1].toLowerCase(Locale.ROOT)) {
          case "ip_src", "by_src" -> Xbits.Track.IP_SRC;
          case "ip_dst", "by_dst" -> Xbits.Track.IP_DST;
          case "ip_pair" -> Xbits.Track.IP_PAIR;
          default ->
              throw parts
                  .get(2)
                  .error("unknown track '" + track[1] + "' (ip_src, ip_dst, ip_pair)");
        };
    int expire = Xbits.DEFAULT_EXPIRE;
    if (parts.size() == 4) {
      String[] e = parts.get(3).text().split("\\s+");
      if (e.length != 2 || !e[0].equalsIgnoreCase("expire")) {
        throw parts.get(3).error("expected 'expire <seconds>'");
      }
      try {
        expire = Integer.parseInt(e[1]);
      } catch (NumberFormatException x) {
        throw parts.get(3).error("expire needs a number of seconds, found '" + e[1] + "'");
      }
      if (expire <= 0) {
        throw parts.get(3).error("expire must be at least 1 second");
      }
    }
    r.add(new Xbits(a.keywordPos(), cmd, name, t, expire));
  }

  private static void flowint(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<OptionArgs> parts = a.split();
    if (parts.size() < 2 || parts.size() > 3) {
      throw a.error("expected name,operator[,value], found '" + a.text() + "'");
    }
    String name = name(parts.get(0), "variable");
    String opText = parts.get(1).text().replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    Flowint.Op op =
        switch (opText) {
          case "=" -> Flowint.Op.SET;
          case "+" -> Flowint.Op.ADD;
          case "-" -> Flowint.Op.SUB;
          case "<" -> Flowint.Op.LT;
          case "<=" -> Flowint.Op.LE;
          case "==" -> Flowint.Op.EQ;
          case "!=" -> Flowint.Op.NE;
          case ">=" -> Flowint.Op.GE;
          case ">" -> Flowint.Op.GT;
          case "isset" -> Flowint.Op.ISSET;
          case "notset" -> Flowint.Op.NOTSET;
          default ->
              throw parts
                  .get(1)
                  .error(
                      "unknown operator '"
                          + opText
                          + "' (=, +, -, <, <=, ==, !=, >=, >, isset, notset)");
        };
    if (op.unary()) {
      if (parts.size() != 2) {
        throw parts.get(2).error(op.text() + " takes no value");
      }
      r.add(new Flowint(a.keywordPos(), name, op, 0, null));
      return;
    }
    if (parts.size() != 3) {
      throw a.error(op.text() + " needs a value");
    }
    String v = parts.get(2).text();
    try {
      long n = Long.parseLong(v);
      if (n < 0 || n > 0xffffffffL) {
        throw parts.get(2).error("value out of range 0..4294967295: " + v);
      }
      r.add(new Flowint(a.keywordPos(), name, op, n, null));
    } catch (NumberFormatException e) {
      r.add(new Flowint(a.keywordPos(), name, op, 0, name(parts.get(2), "variable")));
    }
  }

  private static String name(OptionArgs p, String what) {
    String n = p.text();
    if (!NAME.matcher(n).matches()) {
      throw p.error("invalid " + what + " name '" + n + "'");
    }
    return n;
  }
}
