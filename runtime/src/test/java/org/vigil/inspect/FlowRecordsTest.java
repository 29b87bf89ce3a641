package org.vigil.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EVE {@code flow} records as Suricata 7.0.10 writes them on corpus captures, byte for byte but for
 * the time the record was written and the flow id (each expected file holds bin/oracle's flow
 * records of the capture with flow-records.rules, without {@code timestamp} and {@code flow_id},
 * sorted): addresses, ICMP types and the answer's, ESP's SPI, VLAN ids, app protocols ({@code
 * failed} included), counters, the flow's state derived from the TCP session's, alerted, the flow
 * variables, and the {@code tcp} object (flags per direction as hex and as names, the session's
 * state, gaps).
 */
class FlowRecordsTest {
  @TempDir Path dir;

  private static String resource(String name) throws IOException {
    try (InputStream in = FlowRecordsTest.class.getResourceAsStream("flow-records/" + name)) {
      if (in == null) {
        throw new IOException("no test resource flow-records/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A run's flow records as the expected files hold them. */
  static List<String> flowRecords(Path logs) throws IOException {
    return Files.readAllLines(logs.resolve("eve.json")).stream()
        .filter(l -> l.contains("\"event_type\":\"flow\""))
        .map(l -> l.replaceFirst("\"timestamp\":\"[^\"]*\",", ""))
        .map(l -> l.replaceFirst("\"flow_id\":\\d+,", ""))
        .sorted()
        .toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "communityid/icmp.pcap",
        "icmp/icmp6-ping.pcap",
        "icmp_dot1q.pcap",
        "contentline/contentline-irc-5k-line.pcap",
        "dns/sshfp-trunc.pcap",
        "http/zero-length-bodies-with-drops.pcap",
        "http/http-desync-request-response-5.pcap",
        "finger/long-reply-line.pcapng",
        "dnp3/dnp3-flowbuffer-overflow-assert.pcap",
        "smtp-multi-addr.pcap",
        "smb/smb1_transaction_request.pcap",
        "http/http-bad-request-with-version.pcap",
        "tls/smtp-starttls.pcap",
        "dnp3/dnp3_read.pcap"
      })
  void sameAsSuricata(String capture) throws IOException {
    Path logs = ZeekRun.run(dir, capture, resource("flow-records.rules"));
    String file = capture.replace('/', '_') + ".txt";
    assertEquals(resource(file).lines().toList(), flowRecords(logs), capture);
  }
}
