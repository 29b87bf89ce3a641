package org.vigil.compiler.front;

import java.util.List;
import java.util.Map;
import org.vigil.compiler.ir.ByteExtract;
import org.vigil.compiler.ir.ByteJump;
import org.vigil.compiler.ir.ByteTest;
import org.vigil.compiler.ir.Endian;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.NumberEncoding;
import org.vigil.grammar.SnortLexer;

/** Parsers of byte_test, byte_jump and byte_extract (all Snort forms, byte_extract variables). */
final class ByteKeywords {
  private ByteKeywords() {}

  static void register(Map<String, KeywordParser> m) {
    m.put("byte_test", ByteKeywords::byteTest);
    m.put("byte_jump", ByteKeywords::byteJump);
    m.put("byte_extract", ByteKeywords::byteExtract);
  }

  /** Options shared by the three keywords, collected while reading the trailing parts. */
  private static final class Opts {
    boolean relative;
    Endian endian = Endian.BIG;
    boolean endianSet;
    NumberEncoding encoding = NumberEncoding.BINARY;
    boolean string;
    boolean dce;
    Long bitmask;
    int multiplier = 1;
    boolean align;
    int alignTo;
    boolean fromBeginning;
    boolean fromEnd;
    IntArg postOffset;
  }

  /**
   * Bytes to read: 1..23, at most 8 unless string; 0 for byte_jump (which then only moves by
   * post_offset) and byte_test (a string test then reads the number up to the buffer's end).
   */
  private static int bytes(OptionArgs p, String kw) {
    return (int) p.number("number of bytes", kw.equals("byte_extract") ? 1 : 0, 23);
  }

  /** The byte_extract variable named as the number of bytes, or null for a literal. */
  private static IntArg.Variable bytesVar(OptionArgs p, RuleBuilder r) {
    return p.isWord() && intOrVar(p, r, "number of bytes") instanceof IntArg.Variable v ? v : null;
  }

  /** The largest number of bytes a variable count may give: 8 binary, 10 as a string. */
  private static int maxBytes(Opts o) {
    return o.string ? 10 : 8;
  }

  private static IntArg intOrVar(OptionArgs p, RuleBuilder r, String what) {
    if (p.isWord()) {
      String name = p.get(0).getText();
      if (!r.hasVar(name)) {
        throw new RuleException(
            p.pos(),
            "unknown byte_extract variable",
            p.keyword() + ": unknown byte_extract variable '" + name + "' used as " + what);
      }
      return new IntArg.Variable(name);
    }
    return IntArg.of(p.number(what, -65535, 0xffffffffL));
  }

  private static Opts options(
      List<OptionArgs> parts, int from, String kw, boolean jump, boolean extract) {
    Opts o = new Opts();
    for (int i = from; i < parts.size(); i++) {
      OptionArgs p = parts.get(i);
      String w = p.leadingWord();
      if (w == null) {
        throw p.error("unexpected '" + p.text() + "'");
      }
      OptionArgs rest = p.slice(1, p.size());
      boolean single = p.size() == 1;
      switch (w) {
        case "relative" -> o.relative = true;
        case "big", "little" -> {
          if (o.endianSet) {
            throw p.error("endianness given twice");
          }
          o.endianSet = true;
          o.endian = w.equals("big") ? Endian.BIG : Endian.LITTLE;
        }
        case "string" -> o.string = true;
        case "hex" -> o.encoding = NumberEncoding.HEX;
        case "dec" -> o.encoding = NumberEncoding.DEC;
        case "oct" -> o.encoding = NumberEncoding.OCT;
        case "dce" -> o.dce = true;
        case "bitmask" -> o.bitmask = rest.number("bitmask", 1, 0xffffffffL);
        case "multiplier" -> {
          if (!jump && !extract) {
            throw p.error("unknown option 'multiplier'");
          }
          o.multiplier = (int) rest.number("multiplier", 1, 65535);
        }
        case "align" -> {
          if (jump && single) {
            o.align = true;
          } else if (extract) {
            long n = rest.number("align", 2, 4);
            if (n != 2 && n != 4) {
              throw p.error("align must be 2 or 4");
            }
            o.alignTo = (int) n;
          } else {
            throw p.error("unknown option 'align'");
          }
        }
        case "from_beginning", "from_end" -> {
          if (!jump) {
            throw p.error("unknown option '" + w + "'");
          }
          if (w.equals("from_beginning")) {
            o.fromBeginning = true;
          } else {
            o.fromEnd = true;
          }
        }
        case "post_offset" -> {
          if (!jump) {
            throw p.error("unknown option 'post_offset'");
          }
          o.postOffset = IntArg.of(rest.number("post_offset", -65535, 65535));
        }
        default -> throw p.error("unknown option '" + w + "'");
      }
      boolean takesArg =
          w.equals("bitmask")
              || w.equals("multiplier")
              || w.equals("post_offset")
              || (w.equals("align") && extract);
      if (!takesArg && !single) {
        throw p.error("unexpected '" + p.text() + "'");
      }
    }
    if (!o.string && o.encoding != NumberEncoding.BINARY) {
      throw parts.get(0).error("hex/dec/oct need 'string'");
    }
    if (o.string && o.encoding == NumberEncoding.BINARY) {
      o.encoding = NumberEncoding.DEC;
    }
    if (o.dce && (o.endianSet || o.string)) {
      throw parts.get(0).error("dce cannot be combined with big/little or string");
    }
    if (o.fromBeginning && o.fromEnd) {
      throw parts.get(0).error("from_beginning and from_end are exclusive");
    }
    return o;
  }

  private static void checkBytes(OptionArgs p, int bytes, Opts o) {
    if (o.encoding == NumberEncoding.BINARY && bytes > 8) {
      throw p.error("at most 8 bytes can be read as a binary number, found " + bytes);
    }
  }

  private static void byteTest(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<OptionArgs> parts = a.split();
    if (parts.size() < 4) {
      throw a.error("expected bytes,operator,value,offset[,options], found '" + a.text() + "'");
    }
    IntArg.Variable bytesVar = bytesVar(parts.get(0), r);
    int bytes = bytesVar != null ? 0 : bytes(parts.get(0), a.keyword());
    OptionArgs op = parts.get(1);
    boolean negated = false;
    int i = 0;
    if (op.type(0) == SnortLexer.BANG) {
      negated = true;
      i = 1;
    }
    ByteTest.Operator operator;
    if (op.size() == i && negated) {
      operator = ByteTest.Operator.EQ;
    } else if (op.size() == i + 1) {
      operator =
          switch (op.type(i)) {
            case SnortLexer.LT -> ByteTest.Operator.LT;
            case SnortLexer.GT -> ByteTest.Operator.GT;
            case SnortLexer.LE -> ByteTest.Operator.LE;
            case SnortLexer.GE -> ByteTest.Operator.GE;
            case SnortLexer.EQ -> ByteTest.Operator.EQ;
            case SnortLexer.AMP -> ByteTest.Operator.AND;
            case SnortLexer.CARET -> ByteTest.Operator.XOR;
            case SnortLexer.NE -> {
              if (negated) {
                throw op.error("invalid operator '" + op.text() + "'");
              }
              negated = true;
              yield ByteTest.Operator.EQ;
            }
            default ->
                throw op.error(
                    "invalid operator '"
                        + op.text()
                        + "' (use < > <= >= = & ^, optionally with !)");
          };
    } else {
      throw op.error(
          "invalid operator '" + op.text() + "' (use < > <= >= = & ^, optionally with !)");
    }
    IntArg value = intOrVar(parts.get(2), r, "value");
    IntArg offset = intOrVar(parts.get(3), r, "offset");
    Opts o = options(parts, 4, a.keyword(), false, false);
    if (bytesVar != null) {
      bytes = maxBytes(o);
    }
    checkBytes(parts.get(0), bytes, o);
    r.add(
        new ByteTest(
            a.keywordPos(),
            bytes,
            negated,
            operator,
            value,
            offset,
            o.relative,
            o.endian,
            o.encoding,
            o.dce,
            o.bitmask,
            r.currentBuffer(),
            bytesVar));
  }

  private static void byteJump(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<OptionArgs> parts = a.split();
    if (parts.size() < 2) {
      throw a.error("expected bytes,offset[,options], found '" + a.text() + "'");
    }
    IntArg.Variable bytesVar = bytesVar(parts.get(0), r);
    int bytes = bytesVar != null ? 0 : bytes(parts.get(0), a.keyword());
    IntArg offset = intOrVar(parts.get(1), r, "offset");
    Opts o = options(parts, 2, a.keyword(), true, false);
    if (bytesVar != null) {
      bytes = maxBytes(o);
    }
    checkBytes(parts.get(0), bytes, o);
    r.add(
        new ByteJump(
            a.keywordPos(),
            bytes,
            offset,
            o.relative,
            o.multiplier,
            o.endian,
            o.encoding,
            o.align,
            o.fromBeginning,
            o.fromEnd,
            o.postOffset,
            o.dce,
            o.bitmask,
            r.currentBuffer(),
            bytesVar));
  }

  private static void byteExtract(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<OptionArgs> parts = a.split();
    if (parts.size() < 3) {
      throw a.error("expected bytes,offset,name[,options], found '" + a.text() + "'");
    }
    int bytes = bytes(parts.get(0), a.keyword());
    IntArg offset = IntArg.of(parts.get(1).number("offset", -65535, 65535));
    OptionArgs nameArg = parts.get(2);
    if (!nameArg.isWord()) {
      throw nameArg.error("variable name expected, found '" + nameArg.text() + "'");
    }
    String name = nameArg.get(0).getText();
    Opts o = options(parts, 3, a.keyword(), false, true);
    checkBytes(parts.get(0), bytes, o);
    r.declareVar(name);
    r.add(
        new ByteExtract(
            a.keywordPos(),
            bytes,
            offset,
            name,
            o.relative,
            o.multiplier,
            o.endian,
            o.encoding,
            o.alignTo,
            o.dce,
            o.bitmask,
            r.currentBuffer()));
  }
}
