package org.vigil.compiler.front;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.vigil.compiler.ir.AddressSpec;
import org.vigil.compiler.ir.PortSpec;
import org.vigil.compiler.ir.SourcePos;
import org.vigil.grammar.SnortLexer;
import org.vigil.grammar.SnortParser;

/**
 * Turns header address and port specs of the parse tree into IR, resolving {@code $VARS} from the
 * variables (config and var lines), each variable parsed once and cached.
 */
final class HeaderBuilder {
  private Variables vars;
  private final Map<String, AddressSpec> addressCache = new HashMap<>();
  private final Map<String, PortSpec> portCache = new HashMap<>();
  private final Deque<String> resolving = new ArrayDeque<>();

  HeaderBuilder(Variables vars) {
    this.vars = vars;
  }

  /** Replaces the variables (after a var line); cached resolutions are dropped. */
  void setVariables(Variables v) {
    this.vars = v;
    addressCache.clear();
    portCache.clear();
  }

  Variables variables() {
    return vars;
  }

  /**
   * Resolves every variable once; the distinct messages of those that do not resolve, in name order
   * (a variable that fails only through another one it uses gives that one's message, so it is
   * listed once).
   */
  java.util.List<String> invalidVariables() {
    java.util.Set<String> bad = new java.util.LinkedHashSet<>();
    for (String name : new java.util.TreeSet<>(vars.addresses().keySet())) {
      try {
        resolveAddress(name, SourcePos.NONE);
      } catch (RuleException e) {
        bad.add(e.getMessage());
      }
    }
    for (String name : new java.util.TreeSet<>(vars.ports().keySet())) {
      try {
        resolvePort(name, SourcePos.NONE);
      } catch (RuleException e) {
        bad.add(e.getMessage());
      }
    }
    return List.copyOf(bad);
  }

  private static SourcePos pos(String file, Token t) {
    return new SourcePos(file, t.getLine(), t.getCharPositionInLine() + 1);
  }

  // ------------------------------------------------------------------ addresses

  AddressSpec address(SnortParser.SpecContext ctx, String file) {
    SourcePos p = pos(file, ctx.getStart());
    AddressSpec inner = addressAtom(ctx.specAtom(), file);
    return ctx.BANG() != null ? new AddressSpec.Not(p, inner) : inner;
  }

  private AddressSpec addressAtom(SnortParser.SpecAtomContext ctx, String file) {
    SourcePos p = pos(file, ctx.getStart());
    return switch (ctx) {
      case SnortParser.SpecWordContext w -> addressWord(w.HWORD().getText(), p);
      case SnortParser.SpecVarContext v -> {
        String name = v.VARREF().getText().substring(1);
        yield new AddressSpec.Var(p, name, resolveAddress(name, p));
      }
      case SnortParser.SpecListContext l -> {
        List<AddressSpec> items = new ArrayList<>();
        for (SnortParser.SpecContext s : l.spec()) {
          items.add(address(s, file));
        }
        yield new AddressSpec.Group(p, items);
      }
      default -> throw new RuleException(p, "syntax error", "invalid address");
    };
  }

  static AddressSpec addressWord(String w, SourcePos p) {
    if (w.equals("any")) {
      return new AddressSpec.Any(p);
    }
    String addr = w;
    int prefix = -1;
    int slash = w.indexOf('/');
    if (slash >= 0) {
      addr = w.substring(0, slash);
      try {
        prefix = Integer.parseInt(w.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new RuleException(p, "invalid address", "invalid prefix length in '" + w + "'");
      }
    }
    byte[] bytes = parseIp(addr);
    if (bytes == null) {
      throw new RuleException(
          p, "invalid address", "'" + w + "' is not an IP address, CIDR, any or $VARIABLE");
    }
    int max = bytes.length * 8;
    if (prefix == -1) {
      prefix = max;
    }
    if (prefix < 0 || prefix > max) {
      throw new RuleException(
          p, "invalid address", "prefix length /" + prefix + " out of range for '" + w + "'");
    }
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      bytes[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      // 16 bytes stay IPv6 even for IPv4-mapped addresses (InetAddress.getByAddress would turn them
      // into IPv4)
      InetAddress ip =
          bytes.length == 16
              ? java.net.Inet6Address.getByAddress(null, bytes, -1)
              : InetAddress.getByAddress(bytes);
      return new AddressSpec.Cidr(p, ip, prefix);
    } catch (UnknownHostException e) {
      throw new RuleException(p, "invalid address", "'" + w + "' is not an IP address");
    }
  }

  /** Parses a literal IPv4 or IPv6 address without any name lookup; null if it is not one. */
  static byte[] parseIp(String s) {
    if (s.indexOf(':') >= 0) {
      if (!s.matches("[0-9A-Fa-f:.]+")) {
        return null;
      }
      try {
        // a literal containing ':' is parsed as IPv6 text, never looked up
        byte[] b = InetAddress.getByName("[" + s + "]").getAddress();
        if (b.length == 4) {
          // IPv4-mapped form: keep it as IPv6
          byte[] m = new byte[16];
          m[10] = (byte) 0xff;
          m[11] = (byte) 0xff;
          System.arraycopy(b, 0, m, 12, 4);
          return m;
        }
        return b;
      } catch (UnknownHostException e) {
        return null;
      }
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty()
          || parts[i].length() > 3
          || !parts[i].chars().allMatch(Character::isDigit)) {
        return null;
      }
      int v = Integer.parseInt(parts[i]);
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    return b;
  }

  private AddressSpec resolveAddress(String name, SourcePos use) {
    AddressSpec cached = addressCache.get(name);
    if (cached != null) {
      return cached;
    }
    String def = vars.addresses().get(name);
    if (def == null) {
      throw new RuleException(
          use,
          "undefined variable",
          "variable $"
              + name
              + " is not defined (set vars.address-groups."
              + name
              + " in vigil.yaml or with --set)");
    }
    if (resolving.contains(name)) {
      throw new RuleException(use, "undefined variable", "variable $" + name + " refers to itself");
    }
    resolving.push(name);
    try {
      String where = "vars.address-groups." + name;
      SnortParser.SpecContext ctx = parseSpec(def, where, use, name);
      AddressSpec spec;
      try {
        spec = address(ctx, where);
      } catch (RuleException e) {
        if (e.reason().endsWith("variable")) {
          throw new RuleException(use, e.reason(), e.getMessage());
        }
        throw new RuleException(
            use,
            "invalid variable",
            "variable $" + name + " (" + where + ": \"" + def + "\"): " + e.getMessage());
      }
      addressCache.put(name, spec);
      return spec;
    } finally {
      resolving.pop();
    }
  }

  private static SnortParser.SpecContext parseSpec(
      String def, String where, SourcePos use, String name) {
    SnortLexer lexer = new SnortLexer(CharStreams.fromString(def, where));
    lexer.removeErrorListeners();
    SnortParser parser = new SnortParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    SyntaxErrors errors = new SyntaxErrors();
    parser.addErrorListener(errors);
    lexer.addErrorListener(errors);
    SnortParser.SpecContext ctx = parser.spec();
    if (errors.first != null || parser.getCurrentToken().getType() != Token.EOF) {
      throw new RuleException(
          use,
          "invalid variable",
          "variable $" + name + " (" + where + ") has an invalid value \"" + def + "\"");
    }
    return ctx;
  }

  // ------------------------------------------------------------------ ports

  PortSpec port(SnortParser.SpecContext ctx, String file) {
    SourcePos p = pos(file, ctx.getStart());
    PortSpec inner = portAtom(ctx.specAtom(), file);
    return ctx.BANG() != null ? new PortSpec.Not(p, inner) : inner;
  }

  private PortSpec portAtom(SnortParser.SpecAtomContext ctx, String file) {
    SourcePos p = pos(file, ctx.getStart());
    return switch (ctx) {
      case SnortParser.SpecWordContext w -> portWord(w.HWORD().getText(), p);
      case SnortParser.SpecVarContext v -> {
        String name = v.VARREF().getText().substring(1);
        yield new PortSpec.Var(p, name, resolvePort(name, p));
      }
      case SnortParser.SpecListContext l -> {
        List<PortSpec> items = new ArrayList<>();
        for (SnortParser.SpecContext s : l.spec()) {
          items.add(port(s, file));
        }
        yield new PortSpec.Group(p, items);
      }
      default -> throw new RuleException(p, "syntax error", "invalid port");
    };
  }

  static PortSpec portWord(String w, SourcePos p) {
    if (w.equals("any")) {
      return new PortSpec.Any(p);
    }
    int colon = w.indexOf(':');
    if (colon < 0) {
      int n = portNumber(w, w, p);
      return new PortSpec.Range(p, n, n);
    }
    String a = w.substring(0, colon);
    String b = w.substring(colon + 1);
    if (a.isEmpty() && b.isEmpty()) {
      throw new RuleException(p, "invalid port", "'" + w + "' is not a port range");
    }
    int lo = a.isEmpty() ? 0 : portNumber(a, w, p);
    int hi = b.isEmpty() ? 65535 : portNumber(b, w, p);
    if (lo > hi) {
      throw new RuleException(
          p, "invalid port", "port range '" + w + "' is empty (" + lo + " > " + hi + ")");
    }
    return new PortSpec.Range(p, lo, hi);
  }

  private static int portNumber(String s, String whole, SourcePos p) {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
      throw new RuleException(
          p, "invalid port", "'" + whole + "' is not a port, port range, any or $VARIABLE");
    }
    int n = Integer.parseInt(s);
    if (n > 65535) {
      throw new RuleException(p, "invalid port", "port " + n + " is out of range (0-65535)");
    }
    return n;
  }

  private PortSpec resolvePort(String name, SourcePos use) {
    PortSpec cached = portCache.get(name);
    if (cached != null) {
      return cached;
    }
    String def = vars.ports().get(name);
    if (def == null) {
      throw new RuleException(
          use,
          "undefined variable",
          "variable $"
              + name
              + " is not defined (set vars.port-groups."
              + name
              + " in vigil.yaml or with --set)");
    }
    if (resolving.contains(name)) {
      throw new RuleException(use, "undefined variable", "variable $" + name + " refers to itself");
    }
    resolving.push(name);
    try {
      String where = "vars.port-groups." + name;
      SnortParser.SpecContext ctx = parseSpec(def, where, use, name);
      PortSpec spec;
      try {
        spec = port(ctx, where);
      } catch (RuleException e) {
        if (e.reason().endsWith("variable")) {
          throw new RuleException(use, e.reason(), e.getMessage());
        }
        throw new RuleException(
            use,
            "invalid variable",
            "variable $" + name + " (" + where + ": \"" + def + "\"): " + e.getMessage());
      }
      portCache.put(name, spec);
      return spec;
    } finally {
      resolving.pop();
    }
  }
}
