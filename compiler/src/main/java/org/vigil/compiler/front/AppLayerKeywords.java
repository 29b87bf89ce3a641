package org.vigil.compiler.front;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.vigil.compiler.ir.DceIface;
import org.vigil.compiler.ir.DceOpnum;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.SipMethod;
import org.vigil.compiler.ir.SipStatCode;
import org.vigil.compiler.ir.SslState;
import org.vigil.compiler.ir.SslVersion;

/** Parsers of ssl_version, ssl_state, dce_iface, dce_opnum, sip_method and sip_stat_code. */
final class AppLayerKeywords {
  private AppLayerKeywords() {}

  static void register(Map<String, KeywordParser> m) {
    m.put("ssl_version", AppLayerKeywords::sslVersion);
    m.put("ssl_state", AppLayerKeywords::sslState);
    m.put("dce_iface", AppLayerKeywords::dceIface);
    m.put("dce_opnum", AppLayerKeywords::dceOpnum);
    m.put("sip_method", AppLayerKeywords::sipMethod);
    m.put("sip_stat_code", AppLayerKeywords::sipStatCode);
  }

  private static void sslVersion(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<SslVersion.Item> items = new ArrayList<>();
    for (OptionArgs p : a.split()) {
      boolean neg = p.negated();
      String w = (neg ? p.slice(1, p.size()) : p).word("ssl version");
      SslVersion.Version v = null;
      for (SslVersion.Version c : SslVersion.Version.values()) {
        if (c.text().equals(w)) {
          v = c;
        }
      }
      if (v == null) {
        throw p.error("unknown version '" + w + "' (sslv2, sslv3, tls1.0, tls1.1, tls1.2, tls1.3)");
      }
      items.add(new SslVersion.Item(v, neg));
    }
    r.add(new SslVersion(a.keywordPos(), items));
  }

  private static void sslState(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<SslState.Item> items = new ArrayList<>();
    for (OptionArgs p : a.split(org.vigil.grammar.SnortLexer.PIPE)) {
      boolean neg = p.negated();
      String w = (neg ? p.slice(1, p.size()) : p).word("ssl state");
      SslState.State s;
      try {
        s = SslState.State.valueOf(w.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw p.error(
            "unknown state '"
                + w
                + "' (client_hello, server_hello, client_keyx, server_keyx, unknown)");
      }
      items.add(new SslState.Item(s, neg));
    }
    r.add(new SslState(a.keywordPos(), items));
  }

  private static void dceIface(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    var parts = a.split();
    String u = parts.get(0).text();
    UUID uuid;
    if (!u.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")) {
      throw parts.get(0).error("invalid interface UUID '" + u + "'");
    }
    uuid = UUID.fromString(u);
    NumericCheck version = null;
    boolean anyFrag = false;
    for (int i = 1; i < parts.size(); i++) {
      OptionArgs p = parts.get(i);
      if (p.isWord() && p.word("option").equals("any_frag")) {
        anyFrag = true;
      } else if (version == null) {
        version = Numeric.parse(p, Numeric.CMP_NE, 0, 65535);
      } else {
        throw p.error("unexpected '" + p.text() + "'");
      }
    }
    r.add(new DceIface(a.keywordPos(), uuid, version, anyFrag));
  }

  private static void dceOpnum(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<DceOpnum.Range> ranges = new ArrayList<>();
    for (OptionArgs p : a.split()) {
      int dash = -1;
      for (int i = 0; i < p.size(); i++) {
        if (p.type(i) == org.vigil.grammar.SnortLexer.MINUS) {
          dash = i;
        }
      }
      if (dash < 0) {
        int n = (int) p.number("opnum", 0, 65535);
        ranges.add(new DceOpnum.Range(n, n));
      } else {
        int lo = (int) p.slice(0, dash).number("opnum", 0, 65535);
        int hi = (int) p.slice(dash + 1, p.size()).number("opnum", 0, 65535);
        if (lo > hi) {
          throw p.error("range " + lo + "-" + hi + " is empty");
        }
        ranges.add(new DceOpnum.Range(lo, hi));
      }
    }
    r.add(new DceOpnum(a.keywordPos(), ranges));
  }

  private static void sipMethod(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<SipMethod.Item> items = new ArrayList<>();
    for (OptionArgs p : a.split()) {
      boolean neg = p.negated();
      OptionArgs w = neg ? p.slice(1, p.size()) : p;
      if (!w.isWord()) {
        throw p.error("method name expected, found '" + p.text() + "'");
      }
      items.add(new SipMethod.Item(w.get(0).getText().toLowerCase(Locale.ROOT), neg));
    }
    r.add(new SipMethod(a.keywordPos(), items));
  }

  private static void sipStatCode(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<Integer> codes = new ArrayList<>();
    for (OptionArgs p : a.split()) {
      int c = (int) p.number("status code", 1, 999);
      if (c > 9 && c < 100) {
        throw p.error("status code must be one digit (a class) or three digits, found " + c);
      }
      codes.add(c);
    }
    r.add(new SipStatCode(a.keywordPos(), codes));
  }
}
