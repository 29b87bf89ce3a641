package org.vigil.app.dns;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * The EVE dns record (version 2, Suricata 7's default "detailed" and "grouped" answer formats) of
 * one message: a query ({@code type} "query": id, rrname, rrtype of one question, tx_id, opcode; a
 * request logs one per question, as Suricata) or an answer ({@code type} "answer": id, flags in
 * hex, the set flag bits, opcode, the first question, rcode, answers, grouped rdata, authorities).
 *
 * @param txId the transaction's number
 * @param message the message
 * @param query true for the request's record
 * @param question the question a query record names (0: the first)
 */
public record DnsRecord(long txId, DnsMessage message, boolean query, int question)
    implements AppRecord {
  /** The record of {@code message}'s first question. */
  public DnsRecord(long txId, DnsMessage message, boolean query) {
    this(txId, message, query, 0);
  }

  /** Checks the question index. */
  public DnsRecord {
    if (question < 0 || (question > 0 && question >= message.queries().size())) {
      throw new IllegalArgumentException("no question " + question);
    }
  }

  @Override
  public String eventType() {
    return "dns";
  }

  @Override
  public void writeFields(RecordWriter out) {
    DnsMessage m = message;
    DnsMessage.Query q = m.queries().isEmpty() ? null : m.queries().get(query ? question : 0);
    int flags = m.flags();
    int opcode = (flags >> 11) & 0xF;
    out.number("version", 2);
    out.string("type", query ? "query" : "answer");
    out.number("id", m.id());
    if (query) {
      if (q != null) {
        out.string("rrname", text(q.name()));
        out.string("rrtype", DnsTypes.name(q.type()));
      }
      out.number("tx_id", txId);
      out.number("opcode", opcode);
      return;
    }
    out.string("flags", String.format("%04x", flags));
    out.bool("qr", true);
    bit(out, "aa", flags, 0x0400);
    bit(out, "tc", flags, 0x0200);
    bit(out, "rd", flags, 0x0100);
    bit(out, "ra", flags, 0x0080);
    bit(out, "z", flags, 0x0040);
    out.number("opcode", opcode);
    if (q != null) {
      out.string("rrname", text(q.name()));
      out.string("rrtype", DnsTypes.name(q.type()));
    }
    out.string("rcode", DnsTypes.rcode(m.rcode()));
    records(out, "answers", m.answers());
    if (!m.answers().isEmpty()) {
      Map<String, List<String>> grouped = new LinkedHashMap<>();
      for (DnsMessage.Answer a : m.answers()) {
        if (a.data() != null && a.type() != DnsTypes.SOA && a.type() != DnsTypes.SRV) {
          grouped
              .computeIfAbsent(DnsTypes.name(a.type()), k -> new java.util.ArrayList<>())
              .add(a.data());
        }
      }
      if (!grouped.isEmpty()) {
        out.startObject("grouped");
        grouped.forEach(
            (type, data) -> {
              out.startArray(type);
              data.forEach(d -> out.string(null, d));
              out.endArray();
            });
        out.endObject();
      }
    }
    records(out, "authorities", m.authorities());
  }

  private static void bit(RecordWriter out, String name, int flags, int bit) {
    if ((flags & bit) != 0) {
      out.bool(name, true);
    }
  }

  private static void records(RecordWriter out, String name, List<DnsMessage.Answer> list) {
    if (list.isEmpty()) {
      return;
    }
    out.startArray(name);
    for (DnsMessage.Answer a : list) {
      out.startObject(null);
      out.string("rrname", text(a.name()));
      out.string("rrtype", DnsTypes.name(a.type()));
      out.number("ttl", a.ttl());
      if (a.data() != null) {
        String[] f = a.data().split(" ", -1);
        if (a.type() == DnsTypes.SOA && f.length == 7) {
          out.startObject("soa");
          out.string("mname", f[0]);
          out.string("rname", f[1]);
          String[] names = {"serial", "refresh", "retry", "expire", "minimum"};
          for (int i = 0; i < 5; i++) {
            out.number(names[i], Long.parseLong(f[2 + i]));
          }
          out.endObject();
        } else if (a.type() == DnsTypes.SRV && f.length == 4) {
          out.startObject("srv");
          out.number("priority", Long.parseLong(f[0]));
          out.number("weight", Long.parseLong(f[1]));
          out.number("port", Long.parseLong(f[2]));
          out.string("name", f[3]);
          out.endObject();
        } else {
          out.string("rdata", a.data());
        }
      }
      out.endObject();
    }
    out.endArray();
  }

  private static String text(byte[] name) {
    return new String(name, StandardCharsets.ISO_8859_1);
  }

  @Override
  public String field(String path) {
    DnsMessage.Query q =
        message.queries().isEmpty() ? null : message.queries().get(query ? question : 0);
    return switch (path) {
      case "dns.rrname" -> q == null ? null : text(q.name());
      case "dns.rrtype" -> q == null ? null : DnsTypes.name(q.type());
      case "dns.type" -> query ? "query" : "answer";
      default -> null;
    };
  }
}
