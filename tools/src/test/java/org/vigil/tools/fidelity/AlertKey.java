package org.vigil.tools.fidelity;

import java.util.Objects;

/**
 * What makes two alerts "the same" in the fidelity comparison: capture, gid, sid and the flow
 * 5-tuple in either direction (the endpoints are ordered so both directions give one key).
 */
record AlertKey(String pcap, long gid, long sid, String proto, String a, String b) {

  static AlertKey of(String pcap, long gid, long sid, String proto,
      String srcIp, Integer srcPort, String dstIp, Integer dstPort) {
    String src = endpoint(srcIp, srcPort);
    String dst = endpoint(dstIp, dstPort);
    boolean swap = src.compareTo(dst) > 0;
    return new AlertKey(pcap, gid, sid, Objects.requireNonNullElse(proto, "").toUpperCase(java.util.Locale.ROOT),
        swap ? dst : src, swap ? src : dst);
  }

  private static String endpoint(String ip, Integer port) {
    return ip + "/" + (port == null ? "-" : port.toString());
  }

  @Override
  public String toString() {
    return pcap + " " + gid + ":" + sid + " " + proto + " " + a + " <> " + b;
  }
}
