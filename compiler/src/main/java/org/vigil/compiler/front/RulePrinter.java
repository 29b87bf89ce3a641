package org.vigil.compiler.front;

import java.util.ArrayList;
import java.util.List;
import org.vigil.compiler.ir.*;

/**
 * Prints IR back as canonical rule text: one line, options in source order, content modifiers in a
 * fixed order, bytes outside printable ASCII (and {@code " ; \ : |}) as |hex|, defaults left out.
 * Parsing the printed text gives the same IR (apart from positions).
 */
public final class RulePrinter {
  private RulePrinter() {}

  /** The canonical text of {@code rule}. */
  public static String print(Rule rule) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(rule.action().keyword()).append(' ').append(rule.protocol().keyword()).append(' ');
    NetSpecPrinter.address(sb, rule.sourceAddress());
    sb.append(' ');
    NetSpecPrinter.port(sb, rule.sourcePort());
    sb.append(' ').append(rule.direction().text()).append(' ');
    NetSpecPrinter.address(sb, rule.destinationAddress());
    sb.append(' ');
    NetSpecPrinter.port(sb, rule.destinationPort());
    sb.append(" (");
    Buffer sticky = null;
    boolean first = true;
    for (RuleOption o : rule.options()) {
      if (!first) {
        sb.append(' ');
      }
      first = false;
      if (o instanceof StickyBuffer s) {
        sticky = s.buffer() == Buffer.PKT_DATA ? null : s.buffer();
      }
      option(sb, o, sticky);
    }
    return sb.append(')').toString();
  }

  /** The canonical text of an address spec. */
  public static String address(AddressSpec a) {
    StringBuilder sb = new StringBuilder();
    NetSpecPrinter.address(sb, a);
    return sb.toString();
  }

  /** The canonical text of a port spec. */
  public static String port(PortSpec p) {
    StringBuilder sb = new StringBuilder();
    NetSpecPrinter.port(sb, p);
    return sb.toString();
  }

  /** Content bytes as the inside of a quoted content string. */
  public static String contentText(Bytes b) {
    StringBuilder sb = new StringBuilder();
    boolean hex = false;
    for (int i = 0; i < b.length(); i++) {
      int c = b.at(i) & 0xff;
      boolean plain =
          c >= 0x20 && c < 0x7f && c != '"' && c != ';' && c != '\\' && c != ':' && c != '|';
      if (plain) {
        if (hex) {
          sb.append('|');
          hex = false;
        }
        sb.append((char) c);
      } else {
        if (!hex) {
          sb.append('|');
          hex = true;
        } else {
          sb.append(' ');
        }
        sb.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    if (hex) {
      sb.append('|');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == ';' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  private static String pcreQuote(String s) {
    // backslashes are regex syntax and stay as they are; only quote and semicolon need escaping
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == ';') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  private static void kv(StringBuilder sb, String k, Object v) {
    sb.append(k).append(':').append(v).append(';');
  }

  private static void flag(StringBuilder sb, String k) {
    sb.append(k).append(';');
  }

  private static void option(StringBuilder sb, RuleOption o, Buffer sticky) {
    switch (o) {
      case Msg m -> kv(sb, "msg", quote(m.text()));
      case Target t -> kv(sb, "target", t.side().name().toLowerCase(java.util.Locale.ROOT));
      case AppLayerProtocol a -> kv(sb, "app-layer-protocol", (a.negated() ? "!" : "") + a.name());
      case Bsize b -> kv(sb, "bsize", b.check());
      case Transform t -> {
        if (t.argument() != null) {
          kv(sb, t.kind().keyword(), pcreQuote(t.argument()));
        } else {
          flag(sb, t.kind().keyword());
        }
      }
      case Reference r -> kv(sb, "reference", r.system() + "," + r.id().replace(";", "\\;"));
      case Gid g -> kv(sb, "gid", g.value());
      case Sid s -> kv(sb, "sid", s.value());
      case Rev r -> kv(sb, "rev", r.value());
      case Classtype c -> kv(sb, "classtype", c.name());
      case Priority p -> kv(sb, "priority", p.value());
      case Metadata m -> {
        List<String> parts = new ArrayList<>();
        for (Metadata.Entry e : m.entries()) {
          parts.add(e.value().isEmpty() ? e.key() : e.key() + " " + e.value());
        }
        kv(sb, "metadata", String.join(", ", parts).replace(";", "\\;"));
      }
      case Content c -> content(sb, c, sticky);
      case Pcre p -> pcre(sb, p, sticky);
      case ByteTest b -> kv(sb, "byte_test", ByteMathPrinter.byteTest(b));
      case ByteJump b -> kv(sb, "byte_jump", ByteMathPrinter.byteJump(b));
      case ByteExtract b -> kv(sb, "byte_extract", ByteMathPrinter.byteExtract(b));
      case org.vigil.compiler.ir.ByteMath b -> kv(sb, "byte_math", ByteMathPrinter.byteMath(b));
      case org.vigil.compiler.ir.DatasetMatch d ->
          kv(
              sb,
              "dataset",
              d.command().text()
                  + ","
                  + d.name()
                  + DatasetPrinter.options(d.type(), d.load(), d.save(), d.memcap(), d.hashsize()));
      case org.vigil.compiler.ir.Datarep d ->
          kv(
              sb,
              "datarep",
              d.name()
                  + ","
                  + d.operator().text()
                  + ","
                  + d.value()
                  + DatasetPrinter.options(d.type(), d.load(), null, d.memcap(), d.hashsize()));
      case IsDataAt d ->
          kv(
              sb,
              "isdataat",
              (d.negated() ? "!" : "")
                  + d.size()
                  + (d.relative() ? ",relative" : "")
                  + (d.rawbytes() ? ",rawbytes" : ""));
      case Urilen u ->
          kv(sb, "urilen", u.check() + (u.buffer() == Buffer.HTTP_RAW_URI ? ",raw" : ""));
      case StickyBuffer s ->
          flag(sb, s.buffer().sticky() ? s.buffer().keyword() : s.buffer().stickyName());
      case Base64Decode b -> {
        List<String> parts = new ArrayList<>();
        if (b.bytes() != null) {
          parts.add("bytes " + b.bytes());
        }
        if (b.offset() != null) {
          parts.add("offset " + b.offset());
        }
        if (b.relative()) {
          parts.add("relative");
        }
        if (parts.isEmpty()) {
          flag(sb, "base64_decode");
        } else {
          kv(sb, "base64_decode", String.join(",", parts));
        }
      }
      case Asn1 a -> {
        List<String> parts = new ArrayList<>();
        if (a.bitstringOverflow()) {
          parts.add("bitstring_overflow");
        }
        if (a.doubleOverflow()) {
          parts.add("double_overflow");
        }
        if (a.oversizeLength() != null) {
          parts.add("oversize_length " + a.oversizeLength());
        }
        if (a.absoluteOffset() != null) {
          parts.add("absolute_offset " + a.absoluteOffset());
        }
        if (a.relativeOffset() != null) {
          parts.add("relative_offset " + a.relativeOffset());
        }
        kv(sb, "asn1", String.join(",", parts));
      }
      case Ftpbounce f -> flag(sb, "ftpbounce");
      case PluginOption p -> {
        if (p.value().isEmpty()) {
          flag(sb, p.name());
        } else {
          kv(sb, p.name(), p.value());
        }
      }
      case Dsize d -> kv(sb, "dsize", d.check());
      case Ttl t -> kv(sb, "ttl", t.check());
      case Tos t -> kv(sb, "tos", t.check());
      case IpId i -> kv(sb, "id", i.check());
      case IpOpts i -> kv(sb, "ipopts", i.option().text());
      case FragBits f -> {
        StringBuilder bits = new StringBuilder();
        for (FragBits.Bit b : FragBits.Bit.values()) {
          if (f.bits().contains(b)) {
            bits.append(b.letter());
          }
        }
        kv(sb, "fragbits", withMode(f.mode(), bits.toString()));
      }
      case FragOffset f -> kv(sb, "fragoffset", f.check());
      case IpProto p -> kv(sb, "ip_proto", p.check());
      case SameIp s -> flag(sb, "sameip");
      case Flags f -> {
        String letters = flagLetters(f.flags());
        String v = withMode(f.mode(), letters.isEmpty() ? "0" : letters);
        if (!f.ignored().isEmpty()) {
          v += "," + flagLetters(f.ignored());
        }
        kv(sb, "flags", v);
      }
      case Seq s -> kv(sb, "seq", s.check());
      case Ack a -> kv(sb, "ack", a.check());
      case Window w -> kv(sb, "window", w.check());
      case Itype i -> kv(sb, "itype", i.check());
      case Icode i -> kv(sb, "icode", i.check());
      case IcmpId i -> kv(sb, "icmp_id", i.check());
      case IcmpSeq i -> kv(sb, "icmp_seq", i.check());
      case Flow f -> {
        List<String> parts = new ArrayList<>();
        if (f.direction() != null) {
          parts.add(f.direction().name().toLowerCase());
        }
        if (f.state() != null) {
          parts.add(f.state().name().toLowerCase());
        }
        if (f.stream() != null) {
          parts.add(f.stream().name().toLowerCase());
        }
        if (f.frag() != null) {
          parts.add(f.frag().name().toLowerCase());
        }
        kv(sb, "flow", String.join(",", parts));
      }
      case Flowbits f -> {
        StringBuilder v = new StringBuilder(f.command().text());
        if (!f.names().isEmpty()) {
          v.append(',').append(String.join(f.join().text(), f.names()));
        }
        if (f.group() != null) {
          v.append(',').append(f.group());
        }
        kv(sb, "flowbits", v);
      }
      case Xbits x -> {
        String v = x.command().text() + "," + x.name() + ",track " + x.track().text();
        kv(sb, "xbits", x.command().isAction() ? v + ",expire " + x.expireSeconds() : v);
      }
      case Flowint f -> {
        String v = f.name() + "," + f.op().text();
        if (!f.op().unary()) {
          v += "," + (f.valueVar() != null ? f.valueVar() : Long.toString(f.value()));
        }
        kv(sb, "flowint", v);
      }
      case StreamSize s ->
          kv(
              sb,
              "stream_size",
              s.side().text() + "," + streamOp(s.check().op()) + "," + s.check().value());
      case Threshold t ->
          kv(
              sb,
              "threshold",
              "type "
                  + t.type().text()
                  + ", track "
                  + t.track().text()
                  + ", count "
                  + t.count()
                  + ", seconds "
                  + t.seconds());
      case DetectionFilter d ->
          kv(
              sb,
              "detection_filter",
              "track " + d.track().text() + ", count " + d.count() + ", seconds " + d.seconds());
      case Tag t -> {
        StringBuilder v = new StringBuilder(t.type().name().toLowerCase());
        if (t.metric() != null) {
          v.append(',').append(t.count()).append(',').append(t.metric().name().toLowerCase());
        }
        if (t.hostSide() != null) {
          v.append(',').append(t.hostSide().name().toLowerCase());
        }
        if (t.exclusive()) {
          v.append(",exclusive");
        }
        kv(sb, "tag", v);
      }
      case SslVersion s -> {
        List<String> parts = new ArrayList<>();
        for (SslVersion.Item i : s.versions()) {
          parts.add((i.negated() ? "!" : "") + i.version().text());
        }
        kv(sb, "ssl_version", String.join(",", parts));
      }
      case SslState s -> {
        List<String> parts = new ArrayList<>();
        for (SslState.Item i : s.states()) {
          parts.add((i.negated() ? "!" : "") + i.state().text());
        }
        kv(sb, "ssl_state", String.join(",", parts));
      }
      case org.vigil.compiler.ir.TlsVersion t ->
          kv(
              sb,
              "tls.version",
              t.raw() ? String.format("0x%04x", t.version()) : "1." + ((t.version() & 0xFF) - 1));
      case DceIface d ->
          kv(
              sb,
              "dce_iface",
              d.uuid()
                  + (d.version() == null ? "" : "," + dceVersion(d.version()))
                  + (d.anyFrag() ? ",any_frag" : ""));
      case DceOpnum d -> {
        List<String> parts = new ArrayList<>();
        for (DceOpnum.Range r : d.ranges()) {
          parts.add(r.low() == r.high() ? Integer.toString(r.low()) : r.low() + "-" + r.high());
        }
        kv(sb, "dce_opnum", String.join(",", parts));
      }
      case SipMethod s -> {
        List<String> parts = new ArrayList<>();
        for (SipMethod.Item i : s.methods()) {
          parts.add((i.negated() ? "!" : "") + i.name());
        }
        kv(sb, "sip_method", String.join(",", parts));
      }
      case AppLayerEvent ev -> kv(sb, "app-layer-event", ev.name());
      case SipStatCode s -> {
        List<String> parts = new ArrayList<>();
        for (Integer c : s.codes()) {
          parts.add(c.toString());
        }
        kv(sb, "sip_stat_code", String.join(",", parts));
      }
    }
  }

  private static String dceVersion(NumericCheck c) {
    return c.op() == NumericCheck.Op.EQ ? "=" + c.value() : c.toString();
  }

  private static String streamOp(NumericCheck.Op op) {
    return op == NumericCheck.Op.NE ? "!=" : op.text();
  }

  private static String flagLetters(java.util.Set<TcpFlag> flags) {
    StringBuilder sb = new StringBuilder();
    for (TcpFlag f : TcpFlag.values()) {
      if (flags.contains(f)) {
        sb.append(f.letter());
      }
    }
    return sb.toString();
  }

  private static String withMode(BitsMode mode, String letters) {
    return switch (mode) {
      case EXACT -> letters;
      case NOT -> "!" + letters;
      case ALL -> letters + "+";
      case ANY -> letters + "*";
    };
  }

  private static void content(StringBuilder sb, Content c, Buffer sticky) {
    kv(sb, "content", (c.negated() ? "!" : "") + "\"" + contentText(c.pattern()) + "\"");
    if (c.buffer() != Buffer.PKT_DATA && c.buffer() != sticky) {
      sb.append(' ');
      flag(sb, c.buffer().keyword());
    }
    if (c.nocase()) {
      sb.append(' ');
      flag(sb, "nocase");
    }
    if (c.rawbytes()) {
      sb.append(' ');
      flag(sb, "rawbytes");
    }
    if (c.offset() != null) {
      sb.append(' ');
      kv(sb, "offset", c.offset());
    }
    if (c.depth() != null) {
      sb.append(' ');
      kv(sb, "depth", c.depth());
    }
    if (c.distance() != null) {
      sb.append(' ');
      kv(sb, "distance", c.distance());
    }
    if (c.within() != null) {
      sb.append(' ');
      kv(sb, "within", c.within());
    }
    if (c.endsWith()) {
      sb.append(' ');
      flag(sb, "endswith");
    }
    switch (c.fastPattern()) {
      case null -> {}
      case FastPattern.Whole w -> {
        sb.append(' ');
        flag(sb, "fast_pattern");
      }
      case FastPattern.Only w -> {
        sb.append(' ');
        kv(sb, "fast_pattern", "only");
      }
      case FastPattern.Slice s -> {
        sb.append(' ');
        kv(sb, "fast_pattern", s.offset() + "," + s.length());
      }
    }
  }

  private static void pcre(StringBuilder sb, Pcre p, Buffer sticky) {
    StringBuilder flags = new StringBuilder();
    for (PcreFlag f : PcreFlag.values()) {
      if (p.has(f)) {
        flags.append(f.letter());
      }
    }
    if (p.relative()) {
      flags.append('R');
    }
    if (p.buffer() != Buffer.PKT_DATA && p.buffer() != sticky) {
      flags.append(p.buffer().pcreFlag());
    }
    kv(sb, "pcre", (p.negated() ? "!" : "") + pcreQuote("/" + p.regex() + "/" + flags));
  }
}
