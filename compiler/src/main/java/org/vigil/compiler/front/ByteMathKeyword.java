package org.vigil.compiler.front;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.compiler.ir.ByteMath;
import org.vigil.compiler.ir.Endian;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.NumberEncoding;

/**
 * Parser of Suricata 7's {@code byte_math}: comma-separated "name value" parts in any order, {@code
 * bytes}, {@code offset}, {@code oper}, {@code rvalue} and {@code result} required, {@code
 * relative}, {@code endian}, {@code string}, {@code bitmask} (hex) optional, each at most once. As
 * Suricata 7 does, it rejects {@code dce} (its default string base makes every dce form invalid)
 * and more than 4 bytes with a shift.
 */
final class ByteMathKeyword {
  private ByteMathKeyword() {}

  static void register(Map<String, KeywordParser> m) {
    m.put("byte_math", ByteMathKeyword::parse);
  }

  private static void parse(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    List<OptionArgs> parts = a.split();
    if (parts.size() < 5 || parts.size() > 10) {
      throw a.error(
          "expected bytes, offset, oper, rvalue, result and at most 5 more parts, found '"
              + a.text()
              + "'");
    }
    Set<String> seen = new HashSet<>();
    int bytes = 0;
    IntArg.Variable bytesVar = null;
    Long offset = null;
    ByteMath.Operator oper = null;
    IntArg rvalue = null;
    String result = null;
    boolean relative = false;
    Endian endian = Endian.BIG;
    NumberEncoding encoding = NumberEncoding.BINARY;
    Long bitmask = null;
    for (OptionArgs p : parts) {
      String name = p.leadingWord();
      if (name == null) {
        throw p.error("unexpected '" + p.text() + "'");
      }
      boolean endianPart = name.equals("endian") || name.equals("dce");
      if (!seen.add(endianPart ? "endian" : name)) {
        throw p.error(name + " given twice");
      }
      OptionArgs v = p.slice(1, p.size());
      if (!name.equals("relative") && !name.equals("dce") && v.isEmpty()) {
        throw p.error(name + " needs a value");
      }
      switch (name) {
        case "bytes" -> {
          if (v.isWord()) {
            bytesVar = var(v, r, "number of bytes");
          } else {
            bytes = (int) v.number("bytes", 1, 10);
          }
        }
        case "offset" -> offset = v.number("offset", -65535, 65535);
        case "oper" -> {
          oper = ByteMath.Operator.of(v.text().replace(" ", ""));
          if (oper == null) {
            throw v.error("unknown oper '" + v.text() + "' (use + - * / << >>)");
          }
        }
        case "rvalue" -> rvalue = v.isWord() ? var(v, r, "rvalue") : numeric(v);
        case "result" -> {
          if (!v.isWord()) {
            throw v.error("result must be a variable name, found '" + v.text() + "'");
          }
          result = v.get(0).getText();
        }
        case "relative" -> {
          if (!v.isEmpty()) {
            throw p.error("unexpected '" + p.text() + "'");
          }
          relative = true;
        }
        case "endian" ->
            endian =
                switch (v.text()) {
                  case "big" -> Endian.BIG;
                  case "little" -> Endian.LITTLE;
                  case "dce" -> throw dce(p);
                  default -> throw v.error("invalid endian '" + v.text() + "' (big, little)");
                };
        case "dce" -> throw dce(p);
        case "string" ->
            encoding =
                switch (v.text()) {
                  case "hex" -> NumberEncoding.HEX;
                  case "dec" -> NumberEncoding.DEC;
                  case "oct" -> NumberEncoding.OCT;
                  default -> throw v.error("invalid string '" + v.text() + "' (hex, dec, oct)");
                };
        case "bitmask" -> bitmask = hexMask(v);
        default -> throw p.error("unknown byte_math part '" + name + "'");
      }
    }
    if (bytes == 0 && bytesVar == null
        || offset == null
        || oper == null
        || rvalue == null
        || result == null) {
      throw a.error("bytes, offset, oper, rvalue and result are required");
    }
    if ((oper == ByteMath.Operator.SHIFT_LEFT || oper == ByteMath.Operator.SHIFT_RIGHT)
        && bytes > 4) {
      throw a.error("at most 4 bytes can be read with << or >>");
    }
    r.declareVar(result);
    r.add(
        new ByteMath(
            a.keywordPos(),
            bytes,
            bytesVar,
            offset,
            oper,
            rvalue,
            result,
            relative,
            endian,
            encoding,
            bitmask,
            r.currentBuffer()));
  }

  private static RuleException dce(OptionArgs p) {
    return p.error("byte_math with dce is rejected by Suricata 7 (its string base is always set)");
  }

  private static IntArg.Variable var(OptionArgs v, RuleBuilder r, String what) {
    String name = v.get(0).getText();
    if (!r.hasVar(name)) {
      throw v.error("unknown byte_extract/byte_math variable '" + name + "' used as " + what);
    }
    return new IntArg.Variable(name);
  }

  private static IntArg numeric(OptionArgs v) {
    return IntArg.of(v.number("rvalue", 0, 0xffffffffL));
  }

  /** A bitmask written in hex, with or without 0x, 32 bits at most. */
  private static long hexMask(OptionArgs v) {
    String t = v.text().replace(" ", "");
    if (t.startsWith("0x") || t.startsWith("0X")) {
      t = t.substring(2);
    }
    try {
      long m = Long.parseLong(t, 16);
      if (t.isEmpty() || m > 0xffffffffL || m < 0) {
        throw v.error("invalid bitmask '" + v.text() + "'");
      }
      return m;
    } catch (NumberFormatException e) {
      throw v.error("invalid bitmask '" + v.text() + "' (hex, 32 bits)");
    }
  }
}
