package org.vigil.app.dns;

import java.util.List;

/**
 * One parsed DNS message.
 *
 * @param id the transaction id
 * @param flags the 16 flag bits of the header (QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode)
 * @param queries the question section
 * @param answers the answer section
 * @param authorities the authority section
 */
public record DnsMessage(
    int id, int flags, List<Query> queries, List<Answer> answers, List<Answer> authorities) {

  public DnsMessage {
    queries = List.copyOf(queries);
    answers = List.copyOf(answers);
    authorities = List.copyOf(authorities);
  }

  /** True for a response (the QR bit). */
  public boolean response() {
    return (flags & 0x8000) != 0;
  }

  /** The response code (low 4 bits of the flags). */
  public int rcode() {
    return flags & 0xF;
  }

  /**
   * A question.
   *
   * @param name the queried name, dotted, as sent
   * @param type the query type (1 A, 28 AAAA, ...)
   * @param dnsClass the query class
   */
  public record Query(byte[] name, int type, int dnsClass) {}

  /**
   * A resource record.
   *
   * @param name its owner name, dotted
   * @param type its type
   * @param ttl its time to live
   * @param data its data as Suricata's EVE writes it (an address, a name, "pref name" of MX, the
   *     text of TXT, the SOA or SRV fields), or null for a type not decoded
   */
  public record Answer(byte[] name, int type, long ttl, String data) {}
}
