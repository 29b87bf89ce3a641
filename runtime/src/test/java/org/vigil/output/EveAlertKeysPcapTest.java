package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;
import org.vigil.testing.Json;

/**
 * The EVE keys Suricata 7.0.10 writes for some records only, on the corpus captures it writes them
 * for, with its values: the tunnel of an alert on a decapsulated packet, VLAN ids, the flow's
 * flowbits (top-level metadata), a rule's target, and an HTTP response's Content-Range.
 */
class EveAlertKeysPcapTest {
  @TempDir Path dir;

  private static List<Map<String, String>> records(Path logs, String type) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    for (String l : Files.readAllLines(logs.resolve("eve.json"))) {
      Map<String, String> r = Json.flatten(l);
      if (type.equals(r.get("event_type"))) {
        out.add(r);
      }
    }
    return out;
  }

  @Test
  void anAlertOnAGreInnerPacketCarriesItsTunnelAndTheRulesTarget() throws IOException {
    Path logs =
        ZeekRun.run(
            dir,
            "tunnels/gre-sample.pcap",
            "alert icmp any any -> any any (msg:\"ping\"; itype:8; target:dest_ip; sid:4;"
                + " rev:1;)\n");
    List<Map<String, String>> alerts = records(logs, "alert");
    assertFalse(alerts.isEmpty());
    Map<String, String> a = alerts.get(0);
    // Suricata 7.0.10's first alert on this capture
    assertEquals("66.59.111.190", a.get("src_ip"));
    assertEquals("gre tunnel", a.get("pkt_src"));
    assertEquals(
        List.of("172.27.1.66", "0", "66.59.109.137", "0", "GRE", "1", "1", "wire/pcap"),
        List.of(
            a.get("tunnel.src_ip"),
            a.get("tunnel.src_port"),
            a.get("tunnel.dest_ip"),
            a.get("tunnel.dest_port"),
            a.get("tunnel.proto"),
            a.get("tunnel.depth"),
            a.get("tunnel.pcap_cnt"),
            a.get("tunnel.pkt_src")));
    assertEquals("66.59.111.190", a.get("alert.source.ip"));
    assertEquals("172.28.2.3", a.get("alert.target.ip"));
    assertNull(a.get("alert.target.port"), "no ports for ICMP");
  }

  @Test
  void aVxlanTunnelHasItsUdpPorts() throws IOException {
    Path logs =
        ZeekRun.run(
            dir,
            "tunnels/vxlan.pcap",
            "alert icmp any any -> any any (msg:\"ping\"; itype:8; sid:4; rev:1;)\n");
    Map<String, String> a = records(logs, "alert").get(0);
    assertEquals("vxlan encapsulation", a.get("pkt_src"));
    assertEquals(
        List.of("192.168.56.11", "48134", "192.168.56.12", "4789", "UDP", "3"),
        List.of(
            a.get("tunnel.src_ip"),
            a.get("tunnel.src_port"),
            a.get("tunnel.dest_ip"),
            a.get("tunnel.dest_port"),
            a.get("tunnel.proto"),
            a.get("tunnel.pcap_cnt")));
    assertNull(a.get("alert.source.ip"), "no target: no source/target objects");
  }

  @Test
  void tagged802dot1qPacketsCarryTheirVlanAndAFlowsFlowbitsAreListed() throws IOException {
    Path logs =
        ZeekRun.run(
            dir,
            "icmp_dot1q.pcap",
            "alert icmp any any -> any any (msg:\"request\"; itype:8; flowbits:set,ping.seen;"
                + " sid:5; rev:1;)\n"
                + "alert icmp any any -> any any (msg:\"reply\"; itype:0; flowbits:isset,ping.seen;"
                + " sid:6; rev:1;)\n");
    List<String> lines = Files.readAllLines(logs.resolve("eve.json"));
    String request =
        lines.stream().filter(l -> l.contains("\"signature_id\":5,")).findFirst().orElseThrow();
    // as Suricata: vlan right after event_type; the request's own flowbit is set when it is logged
    assertEquals(
        true,
        request.contains("\"event_type\":\"alert\",\"vlan\":[123],\"src_ip\":\"192.168.123.2\""),
        request);
    assertEquals(true, request.contains("\"metadata\":{\"flowbits\":[\"ping.seen\"]}"), request);
    Map<String, String> reply =
        records(logs, "alert").stream()
            .filter(r -> "6".equals(r.get("alert.signature_id")))
            .findFirst()
            .orElseThrow();
    assertEquals("123", reply.get("vlan"));
    assertEquals("ping.seen", reply.get("metadata.flowbits"));
  }

  /**
   * A transaction's record is logged once its packet's detection is done, as Suricata logs it: the
   * flowbit a rule sets on the packet that completes it is in its metadata.
   */
  @Test
  void anAppRecordListsTheFlowbitItsLastPacketsRulesSet() throws IOException {
    Path logs =
        ZeekRun.run(
            dir,
            "ssh/single-conn.pcap",
            // packet 7, whose processing completes the second banner, is the first with this ack
            "alert tcp any 22 -> any any (msg:\"acked\"; ack:4199889919; flowbits:set,acked;"
                + " flowbits:noalert; sid:8; rev:1;)\n");
    List<String> lines = Files.readAllLines(logs.resolve("eve.json"));
    List<Map<String, String>> ssh = records(logs, "ssh");
    assertEquals(1, ssh.size(), String.join("\n", lines));
    assertEquals("7", ssh.get(0).get("pcap_cnt"));
    assertEquals("acked", ssh.get(0).get("metadata.flowbits"), String.join("\n", lines));
  }

  @Test
  void httpRecordsCarryTheContentRangeAsSuricataParsesIt() throws IOException {
    Path logs =
        ZeekRun.run(
            dir,
            "http/invalid-content-ranges.pcap",
            "alert tcp any any -> any any (msg:\"GET\"; content:\"GET\"; http_method; sid:1;"
                + " rev:1;)\n");
    List<String> got = new ArrayList<>();
    for (Map<String, String> h : records(logs, "http")) {
      got.add(
          h.get("src_port")
              + " "
              + h.get("http.content_range.raw")
              + " "
              + h.get("http.content_range.start")
              + " "
              + h.get("http.content_range.end")
              + " "
              + h.get("http.content_range.size"));
    }
    // Suricata 7.0.10's http records of this capture
    assertEquals(
        List.of(
            "44000 bytes 0-9223372036854775807/9223372036854775808 null null null",
            "44001 bytes 0--5/* null null null",
            "44002 bytes 10-5/* 10 5 null"),
        got.stream().sorted().toList());
  }
}
