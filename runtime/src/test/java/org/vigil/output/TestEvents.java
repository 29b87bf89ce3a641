package org.vigil.output;

import org.vigil.app.http.HttpRecord;

/** Sample output records for tests (here and in other modules through the runtime test-jar). */
public final class TestEvents {
  private TestEvents() {}

  /** 2026-11-26T18:50:42.123456789Z in nanoseconds. */
  public static final long T0 = 1_795_719_042_123_456_789L;

  /** A TCP header client 10.0.0.1:51000 to server 192.0.2.7:80. */
  public static EventHeader tcpHeader(long pcapCnt) {
    return new EventHeader(
        T0,
        1234567890123L,
        pcapCnt,
        "http.pcap",
        "10.0.0.1",
        51000,
        "192.0.2.7",
        80,
        "TCP",
        "to_server",
        null,
        null,
        null);
  }

  /** An HTTP transaction's metadata with the given user agent. */
  public static HttpRecord http(String userAgent) {
    return new HttpRecord(
        "www.example.com",
        "/index.html?a=1",
        userAgent,
        "text/html",
        null,
        "GET",
        "HTTP/1.1",
        200,
        1024L);
  }

  /** An alert of sid {@code sid} on packet {@code pcapCnt}, with HTTP metadata. */
  public static AlertEvent alert(long sid, long pcapCnt) {
    return AlertEvent.builder(tcpHeader(pcapCnt))
        .rule(1, sid, 3)
        .signature(
            "ET POLICY test \"quoted\" msg " + sid, "Potential Corporate Privacy Violation", 1)
        .app("http", http("Mozilla/5.0 (test)"))
        .build();
  }

  /**
   * {@code a} as the alert log gives it back: its app record in stored form (event type and JSON
   * text).
   */
  public static AlertEvent stored(AlertEvent a) {
    return a.toBuilder()
        .app(a.appProto(), a.app() == null ? null : StoredRecord.of(a.app()))
        .build();
  }

  /** An ICMP alert from a tunnel inner packet: no ports, no pcap_cnt. */
  public static AlertEvent icmpAlert(long sid) {
    EventHeader h =
        new EventHeader(
            T0 + 1000,
            0,
            null,
            "tunnel.pcap",
            "2001:db8::1",
            null,
            "2001:db8::2",
            null,
            "IPv6-ICMP",
            null,
            null,
            null,
            null);
    return AlertEvent.builder(h)
        .action(AlertEvent.BLOCKED)
        .rule(1, sid, 1)
        .signature("ICMPv6 echo", null, 3)
        .build();
  }
}
