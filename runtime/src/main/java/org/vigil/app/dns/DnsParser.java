package org.vigil.app.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one DNS message (RFC 1035) from untrusted bytes: the 12-byte header, then the question,
 * answer and authority sections (additional records are not read). Section counts are checked
 * against the bytes present before anything is allocated (a question takes at least 5 bytes, a
 * record 11), names are read by {@link DnsName}, and every length is checked against the message
 * end, so no input makes it loop, recurse or allocate beyond the message's size.
 */
public final class DnsParser {
  /** The header size. */
  public static final int HEADER = 12;

  private static final int MIN_QUESTION = 5;
  private static final int MIN_RECORD = 11;
  private static final int SSHFP = 44;

  private DnsParser() {}

  /** The message of {@code len} bytes at {@code b[off]}, or null when it is not valid DNS. */
  public static DnsMessage parse(byte[] b, int off, int len) {
    if (len < HEADER || off < 0 || off + len > b.length) {
      return null;
    }
    byte[] msg = off == 0 && len == b.length ? b : java.util.Arrays.copyOfRange(b, off, off + len);
    int qd = u16(msg, 4);
    int an = u16(msg, 6);
    int ns = u16(msg, 8);
    boolean response = (u16(msg, 2) & 0x8000) != 0;
    if ((long) qd * MIN_QUESTION > len - HEADER) {
      return null;
    }
    if ((long) qd * MIN_QUESTION + (long) (an + ns) * MIN_RECORD > len - HEADER) {
      if (response) {
        return null;
      }
      an = 0; // a request is its questions (as Suricata parses one); its records are extra
      ns = 0;
    }
    int p = HEADER;
    List<DnsMessage.Query> queries = new ArrayList<>(qd);
    for (int i = 0; i < qd; i++) {
      ByteArrayOutputStream name = new ByteArrayOutputStream();
      p = DnsName.read(msg, len, p, name);
      if (p < 0 || p + 4 > len) {
        return null;
      }
      queries.add(new DnsMessage.Query(name.toByteArray(), u16(msg, p), u16(msg, p + 2)));
      p += 4;
    }
    List<DnsMessage.Answer> answers = new ArrayList<>(an);
    List<DnsMessage.Answer> authorities = new ArrayList<>(ns);
    p = records(msg, len, p, an, answers, response);
    if (p >= 0) {
      p = records(msg, len, p, ns, authorities, response);
    }
    if (p < 0) {
      if (response) {
        return null;
      }
      answers.clear();
      authorities.clear();
    }
    return new DnsMessage(u16(msg, 0), u16(msg, 2), queries, answers, authorities);
  }

  /**
   * True when the {@code len} bytes at {@code b[off]} start with a plausible DNS header (opcode
   * 0-5, Z bit clear) whose question section parses: what protocol detection asks of a first
   * message.
   */
  public static boolean plausible(byte[] b, int off, int len) {
    if (len < HEADER) {
      return false;
    }
    int flags = u16(b, off + 2);
    int opcode = (flags >> 11) & 0xF;
    if (opcode > 5 || (flags & 0x0040) != 0) {
      return false;
    }
    DnsMessage m = parse(b, off, len);
    return m != null && !m.queries().isEmpty();
  }

  /**
   * Reads {@code count} records; -1 when one does not fit the message or, when {@code strict} (a
   * response), its data does not parse as its type's where Suricata 7 parses it (names of CNAME,
   * PTR, NS, MX, SOA and SRV, the first string of TXT, SSHFP's two octets): Suricata drops such a
   * response whole.
   */
  private static int records(
      byte[] msg, int len, int p, int count, List<DnsMessage.Answer> out, boolean strict) {
    for (int i = 0; i < count; i++) {
      ByteArrayOutputStream name = new ByteArrayOutputStream();
      p = DnsName.read(msg, len, p, name);
      if (p < 0 || p + 10 > len) {
        return -1;
      }
      int type = u16(msg, p);
      long ttl = ((long) u16(msg, p + 4) << 16) | u16(msg, p + 6);
      int rdlen = u16(msg, p + 8);
      p += 10;
      if (p + rdlen > len) {
        return -1;
      }
      String data = rdata(msg, p, rdlen, type);
      if (strict && !parses(msg, p, rdlen, type, data)) {
        return -1;
      }
      out.add(new DnsMessage.Answer(name.toByteArray(), type, ttl, data));
      p += rdlen;
    }
    return p;
  }

  /** The record data as text, or null for a type not decoded or data that does not fit it. */
  static String rdata(byte[] msg, int p, int rdlen, int type) {
    int end = p + rdlen;
    return switch (type) {
      case DnsTypes.A -> rdlen == 4 ? DnsTypes.ipv4(msg, p) : null;
      case DnsTypes.AAAA -> rdlen == 16 ? DnsTypes.ipv6(msg, p) : null;
      case DnsTypes.CNAME, DnsTypes.PTR, DnsTypes.NS -> name(msg, end, p);
      case DnsTypes.MX -> rdlen > 2 ? name(msg, end, p + 2) : null;
      case DnsTypes.TXT -> txt(msg, p, end);
      case DnsTypes.SOA -> soa(msg, end, p);
      case DnsTypes.SRV ->
          rdlen > 6
              ? u16(msg, p)
                  + " "
                  + u16(msg, p + 2)
                  + " "
                  + u16(msg, p + 4)
                  + " "
                  + name(msg, end, p + 6)
              : null;
      default -> null;
    };
  }

  /** True when record data {@code data} decoded as type {@code type} parses as Suricata's does. */
  private static boolean parses(byte[] msg, int p, int rdlen, int type, String data) {
    return switch (type) {
      case DnsTypes.CNAME, DnsTypes.PTR, DnsTypes.NS, DnsTypes.MX, DnsTypes.SOA, DnsTypes.SRV ->
          data != null;
      case DnsTypes.TXT -> rdlen > 0 && 1 + (msg[p] & 0xFF) <= rdlen;
      case SSHFP -> rdlen >= 2;
      default -> true;
    };
  }

  /** A name inside record data ending at {@code end} (compression pointers may leave it). */
  private static String name(byte[] msg, int end, int p) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int after = DnsName.read(msg, msg.length, p, out);
    return after < 0 || after > end ? null : out.toString(StandardCharsets.ISO_8859_1);
  }

  private static String txt(byte[] msg, int p, int end) {
    StringBuilder sb = new StringBuilder();
    while (p < end) {
      int n = msg[p] & 0xFF;
      if (p + 1 + n > end) {
        return null;
      }
      sb.append(new String(msg, p + 1, n, StandardCharsets.ISO_8859_1));
      p += 1 + n;
    }
    return sb.toString();
  }

  private static String soa(byte[] msg, int end, int p) {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    int q = DnsName.read(msg, msg.length, p, m);
    ByteArrayOutputStream r = new ByteArrayOutputStream();
    q = q < 0 || q > end ? -1 : DnsName.read(msg, msg.length, q, r);
    if (q < 0 || q + 20 > end) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(m.toString(StandardCharsets.ISO_8859_1))
        .append(' ')
        .append(r.toString(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < 5; i++) {
      sb.append(' ').append(((long) u16(msg, q + 4 * i) << 16) | u16(msg, q + 4 * i + 2));
    }
    return sb.toString();
  }

  static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }
}
