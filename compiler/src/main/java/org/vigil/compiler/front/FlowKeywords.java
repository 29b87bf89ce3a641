package org.vigil.compiler.front;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.compiler.ir.Flow;
import org.vigil.compiler.ir.Flowbits;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.StreamSize;

/** Parsers of flow, flowbits and stream_size. */
final class FlowKeywords {
  private FlowKeywords() {}

  static void register(Map<String, KeywordParser> m) {
    m.put("flow", FlowKeywords::flow);
    m.put("flowbits", FlowKeywords::flowbits);
    m.put("stream_size", FlowKeywords::streamSize);
  }

  private static void flow(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    Flow.Dir dir = null;
    Flow.State state = null;
    Flow.StreamMode stream = null;
    Flow.FragMode frag = null;
    for (OptionArgs p : a.split()) {
      String w = p.word("flow option");
      switch (w) {
        case "to_server", "from_client", "to_client", "from_server" -> {
          Flow.Dir d =
              w.equals("to_server") || w.equals("from_client")
                  ? Flow.Dir.TO_SERVER
                  : Flow.Dir.TO_CLIENT;
          if (dir != null && dir != d) {
            throw p.error("conflicting directions");
          }
          dir = d;
        }
        case "established", "not_established", "stateless" -> {
          Flow.State s =
              switch (w) {
                case "established" -> Flow.State.ESTABLISHED;
                case "not_established" -> Flow.State.NOT_ESTABLISHED;
                default -> Flow.State.STATELESS;
              };
          if (state != null && state != s) {
            throw p.error("conflicting states " + state.name().toLowerCase() + " and " + w);
          }
          state = s;
        }
        case "no_stream", "only_stream" -> {
          Flow.StreamMode s =
              w.equals("no_stream") ? Flow.StreamMode.NO_STREAM : Flow.StreamMode.ONLY_STREAM;
          if (stream != null && stream != s) {
            throw p.error("no_stream and only_stream are exclusive");
          }
          stream = s;
        }
        case "no_frag", "only_frag" -> {
          Flow.FragMode f = w.equals("no_frag") ? Flow.FragMode.NO_FRAG : Flow.FragMode.ONLY_FRAG;
          if (frag != null && frag != f) {
            throw p.error("no_frag and only_frag are exclusive");
          }
          frag = f;
        }
        default ->
            throw p.error(
                "unknown flow option '"
                    + w
                    + "' (to_server, to_client, from_server, from_client, established, not_established, stateless,"
                    + " no_stream, only_stream, no_frag, only_frag)");
      }
    }
    r.add(new Flow(a.keywordPos(), dir, state, stream, frag));
  }

  private static void flowbits(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    var parts = a.split();
    String cmdText = parts.get(0).word("flowbits command");
    Flowbits.Command cmd;
    try {
      cmd = Flowbits.Command.valueOf(cmdText.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw parts
          .get(0)
          .error(
              "unknown command '"
                  + cmdText
                  + "' (set, unset, toggle, isset, isnotset, noalert, reset)");
    }
    List<String> names = new ArrayList<>();
    Flowbits.Join join = Flowbits.Join.SINGLE;
    String group = null;
    if (cmd == Flowbits.Command.NOALERT) {
      if (parts.size() != 1) {
        throw a.error("noalert takes no bit name");
      }
      r.add(new Flowbits(a.keywordPos(), cmd, names, join, null));
      return;
    }
    if (parts.size() < 2) {
      if (cmd == Flowbits.Command.RESET) {
        r.add(new Flowbits(a.keywordPos(), cmd, names, join, null));
        return;
      }
      throw a.error(cmdText + " needs a bit name");
    }
    if (parts.size() > 3) {
      throw a.error("expected command,bits[,group], found '" + a.text() + "'");
    }
    OptionArgs bits = parts.get(1);
    if (cmd == Flowbits.Command.RESET && parts.size() == 2) {
      // reset,group
      group = bits.word("group name");
      r.add(new Flowbits(a.keywordPos(), cmd, names, join, group));
      return;
    }
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < bits.size(); i++) {
      int t = bits.type(i);
      if (t == org.vigil.grammar.SnortLexer.AMP || t == org.vigil.grammar.SnortLexer.PIPE) {
        Flowbits.Join j =
            t == org.vigil.grammar.SnortLexer.AMP ? Flowbits.Join.ALL : Flowbits.Join.ANY;
        if (join != Flowbits.Join.SINGLE && join != j) {
          throw bits.errorAt(i, "can't mix '&' and '|' in one flowbits");
        }
        join = j;
        addName(bits, names, cur);
      } else if (t == org.vigil.grammar.SnortLexer.WORD
          || t == org.vigil.grammar.SnortLexer.NUMBER
          || t == org.vigil.grammar.SnortLexer.MINUS
          || bits.get(i).getText().equals(".")) {
        cur.append(bits.get(i).getText());
      } else {
        throw bits.errorAt(i, "invalid character '" + bits.get(i).getText() + "' in a bit name");
      }
    }
    addName(bits, names, cur);
    if (join == Flowbits.Join.ANY
        && cmd != Flowbits.Command.ISSET
        && cmd != Flowbits.Command.ISNOTSET) {
      throw a.error("'|' is only allowed with isset and isnotset");
    }
    if (parts.size() == 3) {
      group = parts.get(2).word("group name");
    }
    r.add(new Flowbits(a.keywordPos(), cmd, names, join, group));
  }

  private static void addName(OptionArgs bits, List<String> names, StringBuilder cur) {
    if (cur.isEmpty()) {
      throw bits.error("empty bit name in '" + bits.text() + "'");
    }
    names.add(cur.toString());
    cur.setLength(0);
  }

  private static void streamSize(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    var parts = a.split();
    if (parts.size() != 3) {
      throw a.error("expected side,operator,bytes, found '" + a.text() + "'");
    }
    String side = parts.get(0).word("side");
    StreamSize.Side s;
    try {
      s = StreamSize.Side.valueOf(side.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw parts.get(0).error("unknown side '" + side + "' (server, client, both, either)");
    }
    OptionArgs op = parts.get(1);
    NumericCheck.Op o =
        op.size() != 1
            ? null
            : switch (op.type(0)) {
              case org.vigil.grammar.SnortLexer.LT -> NumericCheck.Op.LT;
              case org.vigil.grammar.SnortLexer.GT -> NumericCheck.Op.GT;
              case org.vigil.grammar.SnortLexer.LE -> NumericCheck.Op.LE;
              case org.vigil.grammar.SnortLexer.GE -> NumericCheck.Op.GE;
              case org.vigil.grammar.SnortLexer.EQ -> NumericCheck.Op.EQ;
              case org.vigil.grammar.SnortLexer.NE, org.vigil.grammar.SnortLexer.BANG ->
                  NumericCheck.Op.NE;
              default -> null;
            };
    if (o == null) {
      throw op.error("invalid operator '" + op.text() + "' (<, >, <=, >=, =, !=)");
    }
    long n = parts.get(2).number("bytes", 0, 0xffffffffL);
    r.add(new StreamSize(a.keywordPos(), s, NumericCheck.of(o, n)));
  }
}
