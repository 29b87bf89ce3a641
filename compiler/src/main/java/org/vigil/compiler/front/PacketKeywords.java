package org.vigil.compiler.front;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vigil.compiler.ir.Ack;
import org.vigil.compiler.ir.BitsMode;
import org.vigil.compiler.ir.Dsize;
import org.vigil.compiler.ir.Flags;
import org.vigil.compiler.ir.FragBits;
import org.vigil.compiler.ir.FragOffset;
import org.vigil.compiler.ir.IcmpId;
import org.vigil.compiler.ir.IcmpSeq;
import org.vigil.compiler.ir.Icode;
import org.vigil.compiler.ir.IpId;
import org.vigil.compiler.ir.IpOpts;
import org.vigil.compiler.ir.IpProto;
import org.vigil.compiler.ir.Itype;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.SameIp;
import org.vigil.compiler.ir.Seq;
import org.vigil.compiler.ir.TcpFlag;
import org.vigil.compiler.ir.Tos;
import org.vigil.compiler.ir.Ttl;
import org.vigil.compiler.ir.Window;

/**
 * Parsers of the packet header keywords: dsize, ttl, tos, id, ipopts, fragbits, fragoffset,
 * ip_proto, sameip, flags, seq, ack, window, itype, icode, icmp_id, icmp_seq.
 */
final class PacketKeywords {
  private PacketKeywords() {}

  static void register(Map<String, KeywordParser> m) {
    m.put(
        "dsize",
        (a, r) -> r.add(new Dsize(a.keywordPos(), Numeric.parse(a, Numeric.ALL, 0, 65535))));
    m.put("ttl", (a, r) -> r.add(new Ttl(a.keywordPos(), Numeric.parse(a, Numeric.ALL, 0, 255))));
    m.put("tos", (a, r) -> r.add(new Tos(a.keywordPos(), Numeric.parse(a, Numeric.EQ_NE, 0, 255))));
    m.put(
        "id",
        (a, r) -> r.add(new IpId(a.keywordPos(), Numeric.parse(a, Numeric.EQ_ONLY, 0, 65535))));
    m.put(
        "fragoffset",
        (a, r) -> r.add(new FragOffset(a.keywordPos(), Numeric.parse(a, Numeric.CMP_NE, 0, 8191))));
    m.put("ip_proto", PacketKeywords::ipProto);
    m.put(
        "sameip",
        (a, r) -> {
          a.requireEmpty();
          r.add(new SameIp(a.keywordPos()));
        });
    m.put(
        "seq",
        (a, r) ->
            r.add(new Seq(a.keywordPos(), Numeric.parse(a, Numeric.EQ_ONLY, 0, 0xffffffffL))));
    m.put(
        "ack",
        (a, r) ->
            r.add(new Ack(a.keywordPos(), Numeric.parse(a, Numeric.EQ_ONLY, 0, 0xffffffffL))));
    m.put(
        "window",
        (a, r) -> r.add(new Window(a.keywordPos(), Numeric.parse(a, Numeric.EQ_NE, 0, 65535))));
    m.put(
        "itype", (a, r) -> r.add(new Itype(a.keywordPos(), Numeric.parse(a, Numeric.CMP, 0, 255))));
    m.put(
        "icode", (a, r) -> r.add(new Icode(a.keywordPos(), Numeric.parse(a, Numeric.CMP, 0, 255))));
    m.put(
        "icmp_id",
        (a, r) -> r.add(new IcmpId(a.keywordPos(), Numeric.parse(a, Numeric.EQ_ONLY, 0, 65535))));
    m.put(
        "icmp_seq",
        (a, r) -> r.add(new IcmpSeq(a.keywordPos(), Numeric.parse(a, Numeric.EQ_ONLY, 0, 65535))));
    m.put("ipopts", PacketKeywords::ipopts);
    m.put("flags", PacketKeywords::flags);
    m.put("fragbits", PacketKeywords::fragbits);
  }

  private static final Map<String, Integer> PROTO_NAMES =
      Map.of(
          "ip", 0, "icmp", 1, "igmp", 2, "tcp", 6, "udp", 17, "ipv6", 41, "gre", 47, "esp", 50,
          "ah", 51, "icmpv6", 58);

  private static void ipProto(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    int last = a.size() - 1;
    if (a.type(last) == org.vigil.grammar.SnortLexer.WORD) {
      Integer n = PROTO_NAMES.get(a.get(last).getText().toLowerCase(Locale.ROOT));
      if (n == null) {
        throw a.error("unknown protocol name '" + a.get(last).getText() + "'");
      }
      NumericCheck.Op op =
          last == 0
              ? NumericCheck.Op.EQ
              : switch (a.type(0)) {
                case org.vigil.grammar.SnortLexer.BANG -> NumericCheck.Op.NE;
                case org.vigil.grammar.SnortLexer.LT -> NumericCheck.Op.LT;
                case org.vigil.grammar.SnortLexer.GT -> NumericCheck.Op.GT;
                default -> throw a.error("invalid value '" + a.text() + "'");
              };
      if (last > 1) {
        throw a.error("invalid value '" + a.text() + "'");
      }
      r.add(new IpProto(a.keywordPos(), NumericCheck.of(op, n)));
      return;
    }
    r.add(new IpProto(a.keywordPos(), Numeric.parse(a, Numeric.CMP_NE, 0, 255)));
  }

  private static void ipopts(OptionArgs a, RuleBuilder r) {
    String w = a.word("IP option name");
    for (IpOpts.Option o : IpOpts.Option.values()) {
      if (o.text().equals(w)) {
        r.add(new IpOpts(a.keywordPos(), o));
        return;
      }
    }
    throw a.error(
        "unknown IP option '"
            + w
            + "' (rr, eol, nop, ts, sec, esec, lsrr, lsrre, ssrr, satid, any)");
  }

  /** Splits the flag text: leading/trailing modifier and the letters. */
  private record BitsText(BitsMode mode, String letters) {}

  private static BitsText bitsText(OptionArgs p, String text) {
    BitsMode mode = BitsMode.EXACT;
    String s = text.replace(" ", "");
    if (!s.isEmpty() && "!*+".indexOf(s.charAt(0)) >= 0) {
      mode = modeOf(s.charAt(0));
      s = s.substring(1);
    }
    if (!s.isEmpty() && "!*+".indexOf(s.charAt(s.length() - 1)) >= 0) {
      if (mode != BitsMode.EXACT) {
        throw p.error("more than one modifier in '" + text + "'");
      }
      mode = modeOf(s.charAt(s.length() - 1));
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      throw p.error("no flags in '" + text + "'");
    }
    return new BitsText(mode, s);
  }

  private static BitsMode modeOf(char c) {
    return switch (c) {
      case '!' -> BitsMode.NOT;
      case '*' -> BitsMode.ANY;
      default -> BitsMode.ALL;
    };
  }

  private static Set<TcpFlag> tcpFlags(OptionArgs p, String letters, boolean allowZero) {
    Set<TcpFlag> set = EnumSet.noneOf(TcpFlag.class);
    if (allowZero && letters.equals("0")) {
      return set;
    }
    for (char c : letters.toCharArray()) {
      TcpFlag f = TcpFlag.of(c);
      if (f == null) {
        throw p.error("unknown TCP flag '" + c + "' (F S R P A U C E, 1 2, 0)");
      }
      set.add(f);
    }
    return set;
  }

  private static void flags(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    var parts = a.split();
    if (parts.size() > 2) {
      throw a.error("expected flags[,mask], found '" + a.text() + "'");
    }
    String first = parts.get(0).text();
    String mask = parts.size() == 2 ? parts.get(1).text().replace(" ", "") : "";
    // Snort also accepts the ignore mask glued to the flags when it is made of digits 1/2
    // (flags:SF12)
    BitsText bt = bitsText(parts.get(0), first);
    Set<TcpFlag> set = tcpFlags(parts.get(0), bt.letters(), true);
    if (bt.mode() == BitsMode.NOT && set.isEmpty()) {
      throw a.error("!0 is not a valid flags value");
    }
    Set<TcpFlag> ignored =
        mask.isEmpty() ? EnumSet.noneOf(TcpFlag.class) : tcpFlags(parts.get(1), mask, false);
    r.add(new Flags(a.keywordPos(), bt.mode(), set, ignored));
  }

  private static void fragbits(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    BitsText bt = bitsText(a, a.text());
    Set<FragBits.Bit> bits = EnumSet.noneOf(FragBits.Bit.class);
    for (char c : bt.letters().toUpperCase(Locale.ROOT).toCharArray()) {
      FragBits.Bit b =
          switch (c) {
            case 'M' -> FragBits.Bit.MORE_FRAGMENTS;
            case 'D' -> FragBits.Bit.DONT_FRAGMENT;
            case 'R' -> FragBits.Bit.RESERVED;
            default -> throw a.error("unknown fragment bit '" + c + "' (M, D, R)");
          };
      bits.add(b);
    }
    r.add(new FragBits(a.keywordPos(), bt.mode(), bits));
  }
}
