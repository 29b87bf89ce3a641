package org.vigil.compiler.front;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.Interval;
import org.vigil.compiler.ir.Action;
import org.vigil.compiler.ir.AddressSpec;
import org.vigil.compiler.ir.Direction;
import org.vigil.compiler.ir.PortSpec;
import org.vigil.compiler.ir.Protocol;
import org.vigil.compiler.ir.Rule;
import org.vigil.compiler.ir.RuleSource;
import org.vigil.compiler.ir.SourcePos;
import org.vigil.config.ClassificationConfig;
import org.vigil.detect.artifact.FileBytes;
import org.vigil.grammar.SnortLexer;
import org.vigil.grammar.SnortParser;

/**
 * The rule front end: reads rule files (or folders of {@code *.rules}), parses each statement on
 * its own with the ANTLR grammar, builds the IR, and reports every bad rule as a {@link Diagnostic}
 * without stopping the others.
 */
public final class FrontEnd {
  private final Keywords keywords = new Keywords();
  private final HeaderBuilder headers;
  private final SnortParser parser = new SnortParser(null);
  private final SyntaxErrors syntax = new SyntaxErrors();
  private final List<Rule> rules = new ArrayList<>();
  private final List<Diagnostic> errors = new ArrayList<>();
  private final Set<Path> including = new HashSet<>();
  private int total;

  private final ClassificationConfig classes;
  private final PluginKeywords plugins;

  private FrontEnd(Variables vars, ClassificationConfig classes, PluginKeywords plugins) {
    this.classes = classes;
    this.plugins = plugins;
    headers = new HeaderBuilder(vars);
    parser.removeErrorListeners();
    parser.addErrorListener(syntax);
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
  }

  /**
   * Parses rule files and folders (a folder contributes its {@code *.rules} files in name order).
   * Throws {@link IOException} when a source cannot be read; bad rules are diagnostics in the
   * result.
   */
  public static ParseResult parse(List<Path> sources, Variables vars) throws IOException {
    return parse(sources, vars, null);
  }

  /**
   * As {@link #parse(List, Variables)}, and rules whose classtype is not in {@code classes} are
   * rejected (as Suricata does); {@code classes} null skips that check.
   */
  public static ParseResult parse(List<Path> sources, Variables vars, ClassificationConfig classes)
      throws IOException {
    return parse(sources, vars, classes, null);
  }

  /**
   * As {@link #parse(List, Variables, ClassificationConfig)}, with the keyword plugins {@code
   * plugins} for keywords Vigil does not implement; null finds them on the class path when a rule
   * needs one.
   */
  public static ParseResult parse(
      List<Path> sources,
      Variables vars,
      ClassificationConfig classes,
      org.vigil.detect.KeywordPlugins plugins)
      throws IOException {
    PluginKeywords pk = new PluginKeywords(plugins);
    List<Path> files = expand(sources);
    List<byte[]> contents = new ArrayList<>(files.size());
    boolean independent = true;
    for (Path p : files) {
      byte[] b = FileBytes.read(p);
      contents.add(b);
      independent &= !STATEFUL.matcher(new String(b, StandardCharsets.ISO_8859_1)).find();
    }
    int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
    if (!independent || threads < 2) {
      FrontEnd fe = new FrontEnd(vars, classes, pk);
      for (int i = 0; i < files.size(); i++) {
        fe.parseFile(files.get(i), contents.get(i));
      }
      return fe.result();
    }
    // no var or include lines: files do not affect each other, so parse them side by side
    List<java.util.concurrent.Future<ParseResult>> parts = new ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
      for (int i = 0; i < files.size(); i++) {
        Path p = files.get(i);
        byte[] b = contents.get(i);
        parts.add(
            pool.submit(
                () -> {
                  FrontEnd fe = new FrontEnd(vars, classes, pk);
                  fe.parseFile(p, b);
                  return fe.result();
                }));
      }
      List<Rule> rules = new ArrayList<>();
      List<Diagnostic> errors = new ArrayList<>();
      int total = 0;
      for (var f : parts) {
        ParseResult r = f.get();
        rules.addAll(r.rules());
        errors.addAll(r.errors());
        total += r.total();
      }
      return DuplicateSignatures.resolve(rules, errors, total);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while parsing rules", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    }
  }

  /** Lines that make a file depend on what was read before it (variables, includes). */
  private static final java.util.regex.Pattern STATEFUL =
      java.util.regex.Pattern.compile("(?m)^[ \\t]*(var|ipvar|portvar|include)[ \\t]");

  /**
   * Parses rules with everything taken from a configuration: its variables and its classification
   * file (the bundled one when not set). Throws {@link org.vigil.config.ConfigException} when the
   * classification file cannot be read.
   */
  public static ParseResult parse(List<Path> sources, org.vigil.config.VigilConfig config)
      throws IOException {
    return parse(
        sources, Variables.from(config), ClassificationConfig.load(config.classificationFile()));
  }

  /** Parses rule text given in memory, as if read from a file called {@code fileName}. */
  public static ParseResult parseText(String fileName, String text, Variables vars) {
    return parseText(fileName, text, vars, null);
  }

  /**
   * As {@link #parseText(String, String, Variables)}, with the keyword plugins {@code plugins}
   * (null: found on the class path when a rule needs one).
   */
  public static ParseResult parseText(
      String fileName, String text, Variables vars, org.vigil.detect.KeywordPlugins plugins) {
    FrontEnd fe = new FrontEnd(vars, null, new PluginKeywords(plugins));
    fe.parseFile(Path.of(fileName), text.getBytes(StandardCharsets.UTF_8));
    return fe.result();
  }

  /**
   * The rule files that {@code sources} stand for: files as given, folders as their {@code *.rules}
   * in name order.
   */
  public static List<Path> expand(List<Path> sources) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : sources) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".rules") && Files.isRegularFile(f))
              .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
              .forEach(out::add);
        }
      } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
        out.add(p);
      } else {
        throw new IOException(p + ": no such file or folder, or not readable");
      }
    }
    return out;
  }

  private ParseResult result() {
    return DuplicateSignatures.resolve(rules, errors, total);
  }

  private void parseFile(Path path, byte[] bytes) {
    // rule files are byte strings: ISO-8859-1 maps every byte to one char, so content bytes survive
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String name = path.toString();
    CharStream cs = CharStreams.fromString(text, name);
    SnortLexer lexer = new SnortLexer(cs);
    lexer.removeErrorListeners();
    Lines lines = new Lines(text);
    List<Token> stmt = new ArrayList<>(128);
    while (true) {
      Token t = lexer.nextToken();
      if (t.getType() == SnortLexer.NL || t.getType() == Token.EOF) {
        if (!stmt.isEmpty()) {
          statement(path, name, stmt, lines, cs);
          stmt = new ArrayList<>(128);
        }
        if (t.getType() == Token.EOF) {
          break;
        }
      } else {
        stmt.add(t);
      }
    }
  }

  /** The physical lines of a file, split only when a diagnostic needs one. */
  private static final class Lines {
    private final String text;

    Lines(String text) {
      this.text = text;
    }

    String line(int n) {
      int start = 0;
      for (int i = 1; i < n; i++) {
        int nl = text.indexOf('\n', start);
        if (nl < 0) {
          return null;
        }
        start = nl + 1;
      }
      if (n < 1 || start > text.length()) {
        return null;
      }
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      if (end > start && text.charAt(end - 1) == '\r') {
        end--;
      }
      return text.substring(start, end);
    }
  }

  private static SourcePos pos(String file, Token t) {
    return new SourcePos(file, t.getLine(), t.getCharPositionInLine() + 1);
  }

  private void statement(Path path, String file, List<Token> tokens, Lines lines, CharStream cs) {
    Token first = tokens.get(0);
    int kind = first.getType();
    boolean isRule =
        kind != SnortLexer.KW_VAR
            && kind != SnortLexer.KW_IPVAR
            && kind != SnortLexer.KW_PORTVAR
            && kind != SnortLexer.KW_INCLUDE;
    if (isRule) {
      total++;
    }
    Long sid = isRule ? findSid(tokens, cs) : null;
    try {
      syntax.reset();
      CommonTokenStream ts = new CommonTokenStream(new ListTokenSource(tokens));
      parser.setInputStream(ts);
      SnortParser.StatementContext st = parser.statement();
      if (syntax.first != null) {
        throw syntax.toRuleException(file, tokens);
      }
      if (st.ruleDecl() != null) {
        Rule r = rule(st.ruleDecl(), file, tokens, cs);
        rules.add(r);
      } else if (st.varDecl() != null) {
        varDecl(st.varDecl(), cs);
      } else if (st.includeDecl() != null) {
        include(path, st.includeDecl(), file);
      }
    } catch (RuntimeException ex) {
      // a defect in a keyword parser must not stop the load: report it against the rule
      RuleException e =
          ex instanceof RuleException re
              ? re
              : new RuleException(
                  pos(file, first),
                  "internal error",
                  "internal error while reading this rule: " + ex);
      SourcePos p = e.pos();
      String line = p.file().equals(file) ? lines.line(p.line()) : null;
      if (line == null) {
        p = pos(file, first);
        line = lines.line(first.getLine());
      }
      errors.add(new Diagnostic(p, sid, e.reason(), e.getMessage(), line));
    }
  }

  private static final java.util.regex.Pattern CONTINUATION =
      java.util.regex.Pattern.compile("\\\\[ \\t]*\\r?\\n");
  private static final java.util.regex.Pattern SID_TEXT =
      java.util.regex.Pattern.compile("[;(]\\s*sid\\s*:\\s*(\\d{1,10})\\s*;");

  /**
   * The sid of a statement, from its tokens or, when lexing went astray, from its text; null if
   * none.
   */
  private static Long findSid(List<Token> tokens, CharStream cs) {
    for (int i = 0; i + 2 < tokens.size(); i++) {
      if (tokens.get(i).getType() == SnortLexer.OPT_NAME
          && tokens.get(i).getText().equals("sid")
          && tokens.get(i + 1).getType() == SnortLexer.COLON
          && tokens.get(i + 2).getType() == SnortLexer.NUMBER) {
        try {
          return Long.parseLong(tokens.get(i + 2).getText());
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    String text =
        cs.getText(Interval.of(tokens.get(0).getStartIndex(), tokens.getLast().getStopIndex()));
    java.util.regex.Matcher m = SID_TEXT.matcher(text);
    return m.find() ? Long.valueOf(m.group(1)) : null;
  }

  private Rule rule(
      SnortParser.RuleDeclContext ctx, String file, List<Token> tokens, CharStream cs) {
    SourcePos start = pos(file, ctx.getStart());
    Action action =
        switch (ctx.action.getText()) {
          case "alert" -> Action.ALERT;
          case "log" -> Action.LOG;
          case "pass" -> Action.PASS;
          case "drop" -> Action.DROP;
          case "reject" -> Action.REJECT;
          case "sdrop" -> Action.SDROP;
          default ->
              throw new RuleException(
                  start,
                  "unsupported action",
                  "unknown or unsupported action '"
                      + ctx.action.getText()
                      + "' (alert, log, pass, drop, reject, sdrop)");
        };
    SourcePos protoPos = pos(file, ctx.protocol);
    HeaderProtocols.Resolved header = HeaderProtocols.resolve(ctx.protocol.getText(), protoPos);
    Protocol protocol = header.protocol();
    AddressSpec src = headers.address(ctx.srcAddr, file);
    PortSpec sport = headers.port(ctx.srcPort, file);
    Direction dir = ctx.dir.getType() == SnortLexer.ARROW ? Direction.TO : Direction.BOTH;
    AddressSpec dst = headers.address(ctx.dstAddr, file);
    PortSpec dport = headers.port(ctx.dstPort, file);
    RuleBuilder rb = new RuleBuilder();
    for (SnortParser.OptionContext o : ctx.option()) {
      String kw = o.name.getText().toLowerCase(Locale.ROOT);
      SourcePos kpos = pos(file, o.name);
      List<Token> value = List.of();
      if (o.value() != null
          && o.value().getStop() != null
          && o.value().getStop().getTokenIndex() >= o.value().getStart().getTokenIndex()) {
        value =
            tokens.subList(
                o.value().getStart().getTokenIndex(), o.value().getStop().getTokenIndex() + 1);
      }
      KeywordParser kp = keywords.parser(kw);
      org.vigil.detect.api.KeywordPlugin plugin =
          kp == null ? plugins.find(kw, kpos, keywords.supported()) : null;
      if (plugin != null) {
        PluginKeywords.parse(plugin, new OptionArgs(kw, kpos, value, file), rb);
        continue;
      }
      if (kp == null) {
        String why = keywords.unsupportedReason(kw);
        if (why != null) {
          throw new RuleException(kpos, "unsupported keyword " + kw, why);
        }
        String near = keywords.suggestion(kw);
        throw new RuleException(
            kpos,
            "unknown keyword " + kw,
            "unknown keyword '"
                + o.name.getText()
                + "'"
                + (near != null ? " (did you mean '" + near + "'?)" : ""));
      }
      kp.parse(new OptionArgs(kw, kpos, value, file), rb);
    }
    String text =
        cs.getText(Interval.of(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex()));
    if (text.indexOf('\n') >= 0) {
      text = CONTINUATION.matcher(text).replaceAll("");
    }
    Rule rule =
        new Rule(
            new RuleSource(start, text),
            action,
            protocol,
            src,
            sport,
            dir,
            dst,
            dport,
            HeaderProtocols.apply(header, protoPos, rb.build()));
    RuleChecks.check(rule, rb);
    if (classes != null) {
      for (org.vigil.compiler.ir.Classtype c : rule.all(org.vigil.compiler.ir.Classtype.class)) {
        if (classes.lookup(c.name()).isEmpty()) {
          throw new RuleException(
              c.pos(),
              "unknown classtype",
              "unknown classtype '" + c.name() + "' (not in the classification file)");
        }
      }
    }
    return rule;
  }

  private void varDecl(SnortParser.VarDeclContext ctx, CharStream cs) {
    String name = ctx.name.getText();
    String def =
        cs.getText(
            Interval.of(
                ctx.spec().getStart().getStartIndex(), ctx.spec().getStop().getStopIndex()));
    Variables v = headers.variables();
    switch (ctx.kind.getType()) {
      case SnortLexer.KW_IPVAR -> v = v.withAddress(name, def);
      case SnortLexer.KW_PORTVAR -> v = v.withPort(name, def);
      default -> v = v.withAddress(name, def).withPort(name, def);
    }
    headers.setVariables(v);
  }

  private void include(Path from, SnortParser.IncludeDeclContext ctx, String file) {
    SourcePos p = pos(file, ctx.getStart());
    String raw = ctx.PATH().getText().strip();
    StringBuilder sb = new StringBuilder();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)").matcher(raw);
    while (m.find()) {
      String def = headers.variables().addresses().get(m.group(1));
      if (def == null) {
        throw new RuleException(
            p, "undefined variable", "include: variable $" + m.group(1) + " is not defined");
      }
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(def));
    }
    m.appendTail(sb);
    Path target = Path.of(sb.toString());
    if (!target.isAbsolute() && from.toAbsolutePath().getParent() != null) {
      target = from.toAbsolutePath().getParent().resolve(target);
    }
    target = target.normalize();
    if (!including.add(target)) {
      throw new RuleException(p, "include loop", "include: " + target + " is already being read");
    }
    try {
      parseFile(target, FileBytes.read(target));
    } catch (IOException e) {
      throw new RuleException(
          p, "unreadable include", "include: cannot read " + target + ": " + e.getMessage());
    } finally {
      including.remove(target);
    }
  }
}
