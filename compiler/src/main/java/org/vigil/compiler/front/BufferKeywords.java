package org.vigil.compiler.front;

import java.util.Map;
import org.vigil.compiler.ir.Asn1;
import org.vigil.compiler.ir.Base64Decode;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Ftpbounce;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.IsDataAt;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.StickyBuffer;
import org.vigil.compiler.ir.Urilen;

/**
 * Parsers of sticky buffer keywords (Snort's pkt_data, file_data, base64_data, dce_stub_data,
 * sip_header, sip_body; Suricata's http.uri, http.host, file.data, ... of {@link
 * Buffer#stickyName()}) and of the buffer-level checks isdataat, urilen, base64_decode, asn1 and
 * ftpbounce.
 */
final class BufferKeywords {
  private BufferKeywords() {}

  static void register(Map<String, KeywordParser> m) {
    for (Buffer b : Buffer.values()) {
      if (b.sticky() || (b.isHttp() && !b.modifier())) {
        m.put(b.keyword(), (a, r) -> sticky(a, r, b));
      }
      if (b.stickyName() != null) {
        m.put(b.stickyName(), (a, r) -> sticky(a, r, b));
      }
    }
    // Suricata's name of the HTTP response body: the same data as file_data for HTTP
    m.put("http.response_body", (a, r) -> sticky(a, r, Buffer.FILE_DATA));
    m.put("isdataat", BufferKeywords::isdataat);
    m.put("urilen", BufferKeywords::urilen);
    m.put("base64_decode", BufferKeywords::base64Decode);
    m.put("asn1", BufferKeywords::asn1);
    m.put(
        "ftpbounce",
        (a, r) -> {
          a.requireEmpty();
          // an app-layer keyword in Suricata: the FTP client's PORT command, whatever the buffer
          r.add(new Ftpbounce(a.keywordPos(), Buffer.FTP_COMMAND));
        });
  }

  private static void sticky(OptionArgs a, RuleBuilder r, Buffer b) {
    if (b == Buffer.FILE_DATA && !a.isEmpty()) {
      throw a.error(
          "file_data takes no value in Vigil (Snort's file_data:mime form is not supported)");
    }
    a.requireEmpty();
    r.selectSticky(b, a.keywordPos());
    r.add(new StickyBuffer(a.keywordPos(), b));
  }

  private static void isdataat(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    var parts = a.split();
    OptionArgs first = parts.get(0);
    boolean negated = first.negated();
    OptionArgs sizeArg = negated ? first.slice(1, first.size()) : first;
    IntArg size;
    if (sizeArg.isWord()) {
      String name = sizeArg.get(0).getText();
      if (!r.hasVar(name)) {
        throw new RuleException(
            sizeArg.pos(),
            "unknown byte_extract variable",
            "isdataat: unknown byte_extract variable '" + name + "'");
      }
      size = new IntArg.Variable(name);
    } else {
      size = IntArg.of(sizeArg.number("size", 0, 65535));
    }
    boolean relative = false;
    boolean rawbytes = false;
    for (int i = 1; i < parts.size(); i++) {
      String w = parts.get(i).word("option");
      switch (w) {
        case "relative" -> relative = true;
        case "rawbytes" -> rawbytes = true;
        default -> throw parts.get(i).error("unknown option '" + w + "' (relative, rawbytes)");
      }
    }
    r.add(new IsDataAt(a.keywordPos(), negated, size, relative, rawbytes, r.currentBuffer()));
  }

  private static void urilen(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    var parts = a.split();
    if (parts.size() > 2) {
      throw a.error("expected [<|>]N or a<>b, optionally followed by ,norm or ,raw");
    }
    NumericCheck c = Numeric.parse(parts.get(0), Numeric.CMP, 0, 65535);
    Buffer b = Buffer.HTTP_URI;
    if (parts.size() == 2) {
      String w = parts.get(1).word("norm or raw");
      b =
          switch (w) {
            case "norm" -> Buffer.HTTP_URI;
            case "raw" -> Buffer.HTTP_RAW_URI;
            default -> throw parts.get(1).error("expected norm or raw, found '" + w + "'");
          };
    }
    r.add(new Urilen(a.keywordPos(), c, b));
  }

  /**
   * The value of base64_decode as Suricata 7 reads it: optional {@code bytes N} (0 to 65535), then
   * optional {@code offset N} (32 bits), each with an optional comma, then at most one word, which
   * must be {@code relative}; what follows that word is not read.
   */
  private static final java.util.regex.Pattern BASE64_ARGS =
      java.util.regex.Pattern.compile(
          "\\s*(?:bytes\\s+(\\d+),?)?\\s*(?:offset\\s+(\\d+),?)?\\s*(\\w+)?");

  private static void base64Decode(OptionArgs a, RuleBuilder r) {
    Long bytes = null;
    Long offset = null;
    boolean relative = false;
    if (!a.isEmpty()) {
      java.util.regex.Matcher m = BASE64_ARGS.matcher(a.text());
      if (!m.lookingAt() || m.group(1) == null && m.group(2) == null && m.group(3) == null) {
        throw a.error("expected [bytes N][, offset N][, relative], found '" + a.text() + "'");
      }
      if (m.group(1) != null) {
        bytes = base64Number(a, "bytes", m.group(1), 0xffffL);
      }
      if (m.group(2) != null) {
        offset = base64Number(a, "offset", m.group(2), 0xffffffffL);
      }
      if (m.group(3) != null) {
        if (!m.group(3).equals("relative")) {
          throw a.error("unknown option '" + m.group(3) + "' (bytes N, offset N, relative)");
        }
        relative = true;
      }
    }
    // Suricata places it on the active sticky buffer, else on the buffer of the last match
    r.add(new Base64Decode(a.keywordPos(), bytes, offset, relative, r.lastMatchBuffer()));
  }

  private static long base64Number(OptionArgs a, String what, String digits, long max) {
    if (digits.length() > 12 || Long.parseLong(digits) > max) {
      throw a.error(what + " " + digits + " is out of range 0.." + max);
    }
    return Long.parseLong(digits);
  }

  private static void asn1(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    boolean bitstring = false;
    boolean dbl = false;
    Long oversize = null;
    Long absolute = null;
    Long relative = null;
    for (OptionArgs p : a.split()) {
      String w = p.leadingWord();
      OptionArgs rest = p.slice(1, p.size());
      if ("bitstring_overflow".equals(w) && p.size() == 1) {
        bitstring = true;
      } else if ("double_overflow".equals(w) && p.size() == 1) {
        dbl = true;
      } else if ("oversize_length".equals(w)) {
        oversize = rest.number("oversize_length", 0, 0xffffffffL);
      } else if ("absolute_offset".equals(w)) {
        absolute = rest.number("absolute_offset", 0, 65535);
      } else if ("relative_offset".equals(w)) {
        relative = rest.number("relative_offset", -65535, 65535);
      } else {
        throw p.error(
            "unknown option '"
                + p.text()
                + "' (bitstring_overflow, double_overflow, oversize_length N, absolute_offset N, relative_offset N)");
      }
    }
    if (absolute != null && relative != null) {
      throw a.error("absolute_offset and relative_offset are exclusive");
    }
    r.add(
        new Asn1(a.keywordPos(), bitstring, dbl, oversize, absolute, relative, r.currentBuffer()));
  }
}
