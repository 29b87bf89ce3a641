package org.vigil.tools.fidelity;

import java.util.Objects;

/**
 * What makes two alerts "the same" in the fidelity comparison: capture, gid, sid and the flow
 * 5-tuple in either direction (the endpoints are ordered so both directions give one key), and, for
 * the stricter comparison, the packet (pcap_cnt; -1 when the alert has none or it is left out).
 */
record AlertKey(String pcap, long gid, long sid, String proto, String a, String b, long packet) {

  static AlertKey of(
      String pcap,
      long gid,
      long sid,
      String proto,
      String srcIp,
      Integer srcPort,
      String dstIp,
      Integer dstPort) {
    return of(pcap, gid, sid, proto, srcIp, srcPort, dstIp, dstPort, null);
  }

  static AlertKey of(
      String pcap,
      long gid,
      long sid,
      String proto,
      String srcIp,
      Integer srcPort,
      String dstIp,
      Integer dstPort,
      Long packet) {
    String src = endpoint(srcIp, srcPort);
    String dst = endpoint(dstIp, dstPort);
    boolean swap = src.compareTo(dst) > 0;
    return new AlertKey(
        pcap,
        gid,
        sid,
        Objects.requireNonNullElse(proto, "").toUpperCase(java.util.Locale.ROOT),
        swap ? dst : src,
        swap ? src : dst,
        packet == null ? -1 : packet);
  }

  /** The same alert without its packet: the key of the capture + sid + flow comparison. */
  AlertKey flowLevel() {
    return packet < 0 ? this : new AlertKey(pcap, gid, sid, proto, a, b, -1);
  }

  private static String endpoint(String ip, Integer port) {
    return ip + "/" + (port == null ? "-" : port.toString());
  }

  @Override
  public String toString() {
    return pcap
        + " "
        + gid
        + ":"
        + sid
        + " "
        + proto
        + " "
        + a
        + " <> "
        + b
        + (packet < 0 ? "" : " #" + packet);
  }
}
