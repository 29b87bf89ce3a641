package org.vigil.app.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;

/**
 * dns.query on the corpus's DNS captures over UDP and TCP: every expected alert list is what
 * Suricata 7.0.10 raised with the same rules on the same capture.
 */
class DnsKeywordsTest {
  @TempDir Path dir;

  private static final String RULES =
      """
      alert udp any any -> any any (msg:"q cmu"; dns.query; content:"www.cmu.edu"; sid:1;)
      alert udp any any -> any any (msg:"q old name"; dns_query; content:"cmu.edu"; sid:2;)
      alert udp any any -> any any (msg:"q absent"; dns.query; content:"example"; sid:3;)
      alert tcp any any -> any any (msg:"q tcp"; dns.query; content:"wikipedia.org"; sid:4;)
      alert ip any any -> any any (msg:"q nocase"; dns.query; content:"WWW.CMU"; nocase; depth:7; sid:5;)
      alert udp any any -> any any (msg:"q answer name"; dns.query; content:"ANDREW"; sid:6;)
      alert udp any any -> any any (msg:"header only"; sid:7;)
      """;

  @Test
  void queryNamesOfRequestsOverUdp() throws IOException {
    Map<Long, List<String>> got =
        ZeekRun.alertsBySid(ZeekRun.run(dir, "dns-two-responses.pcap", RULES));
    // the request is packet 1; the two responses carry the name again but dns.query is the
    // request's
    assertEquals(List.of("1"), got.get(1L));
    assertEquals(List.of("1"), got.get(2L));
    assertEquals(List.of("1"), got.get(5L));
    assertEquals(null, got.get(3L));
    assertEquals(null, got.get(6L));
    // an app-layer unit adds no alert of a header-only rule (IP-only: first packet each way)
    assertEquals(List.of("1", "2"), got.get(7L));
  }

  @Test
  void queryNamesOverTcpAreFramedByTheirLength() throws IOException {
    Map<Long, List<String>> got =
        ZeekRun.alertsBySid(ZeekRun.run(dir, "dns-edns-tcp-keepalive.pcap", RULES));
    // each connection's query (packets 4 and 14) is parsed once the server ACKs it: inspected on
    // the client's next packet (7 and 17)
    assertEquals(List.of("7", "17"), got.get(4L));
  }
}
