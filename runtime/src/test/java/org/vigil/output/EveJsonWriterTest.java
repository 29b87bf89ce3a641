package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.Json;

class EveJsonWriterTest {
  @TempDir Path dir;

  /** The EVE fields CLI.md promises on every alert line. */
  static final List<String> CLI_ALERT_FIELDS =
      List.of(
          "timestamp",
          "event_type",
          "src_ip",
          "src_port",
          "dest_ip",
          "dest_port",
          "proto",
          "flow_id",
          "pcap_cnt",
          "pcap_filename",
          "alert.action",
          "alert.gid",
          "alert.signature_id",
          "alert.rev",
          "alert.signature",
          "alert.category",
          "alert.severity");

  private Path writeAll() throws Exception {
    Path file = dir.resolve("eve.json");
    try (EveJsonWriter w = EveJsonWriter.open(file, org.vigil.output.EveTypes.ALL)) {
      w.write(TestEvents.alert(2000001, 7));
      w.write(TestEvents.icmpAlert(2000002));
      w.write(new AppEvent(TestEvents.tcpHeader(9), 0, TestEvents.http("curl/8.5.0\nX-Evil: 1")));
      w.write(
          new FlowEvent(
              TestEvents.tcpHeader(12),
              "http",
              5,
              4,
              600,
              2400,
              TestEvents.T0,
              TestEvents.T0 + 3_500_000_000L,
              "closed",
              "timeout",
              true,
              FlowDetails.NONE));
      w.write(
          new DropEvent(
              TestEvents.tcpHeader(13), 60, 0, 64, 4321, "rules", TestEvents.alert(2000003, 13)));
      Map<String, Object> counters = new LinkedHashMap<>();
      counters.put("decoder", Map.of("pkts", 100L, "bytes", 64000L));
      counters.put("flow", Map.of("tcp", 3));
      w.stats(TestEvents.T0, 12, counters);
    }
    return file;
  }

  @Test
  void alertLineHasEveryCliFieldWithSuricataNamesAndValues() throws Exception {
    List<String> lines = Files.readAllLines(writeAll(), StandardCharsets.UTF_8);
    assertEquals(6, lines.size(), String.join("\n", lines));
    Map<String, String> a = Json.flatten(lines.get(0));
    for (String f : CLI_ALERT_FIELDS) {
      assertTrue(a.containsKey(f), "alert lacks " + f + ": " + lines.get(0));
    }
    assertEquals("2026-11-26T18:50:42.123456+0000", a.get("timestamp"));
    assertEquals("alert", a.get("event_type"));
    assertEquals("7", a.get("pcap_cnt"));
    assertEquals("1234567890123", a.get("flow_id"));
    assertEquals("51000", a.get("src_port"));
    assertEquals("TCP", a.get("proto"));
    assertEquals("allowed", a.get("alert.action"));
    assertEquals("2000001", a.get("alert.signature_id"));
    assertEquals("ET POLICY test \"quoted\" msg 2000001", a.get("alert.signature"));
    assertEquals("Potential Corporate Privacy Violation", a.get("alert.category"));
    assertEquals("1", a.get("alert.severity"));
    assertEquals("http", a.get("app_proto"));
    assertEquals("Mozilla/5.0 (test)", a.get("http.http_user_agent"));
    assertEquals("200", a.get("http.status"));
  }

  @Test
  void portlessAndCaptureLessPacketsOmitThoseFields() throws Exception {
    Map<String, String> icmp = Json.flatten(Files.readAllLines(writeAll()).get(1));
    assertFalse(icmp.containsKey("src_port"));
    assertFalse(icmp.containsKey("dest_port"));
    assertFalse(icmp.containsKey("pcap_cnt"));
    assertFalse(icmp.containsKey("flow_id"));
    assertEquals("IPv6-ICMP", icmp.get("proto"));
    assertEquals("blocked", icmp.get("alert.action"));
    assertEquals("", icmp.get("alert.category"));
  }

  @Test
  void httpFlowDropAndStatsRecordsUseSuricataShapes() throws Exception {
    List<String> lines = Files.readAllLines(writeAll());
    Map<String, String> http = Json.flatten(lines.get(2));
    assertEquals("http", http.get("event_type"));
    assertEquals("curl/8.5.0\nX-Evil: 1", http.get("http.http_user_agent"));
    assertEquals("GET", http.get("http.http_method"));
    // Suricata 7 writes a direction on alert records only
    assertFalse(http.containsKey("direction"), http.toString());
    assertEquals("to_server", Json.flatten(lines.get(0)).get("direction"));
    Map<String, String> flow = Json.flatten(lines.get(3));
    assertEquals("flow", flow.get("event_type"));
    assertEquals("600", flow.get("flow.bytes_toserver"));
    assertEquals("3", flow.get("flow.age"));
    assertEquals("true", flow.get("flow.alerted"));
    assertEquals("2026-11-26T18:50:45.623456+0000", flow.get("flow.end"));
    Map<String, String> drop = Json.flatten(lines.get(4));
    assertEquals("drop", drop.get("event_type"));
    assertEquals("64", drop.get("drop.ttl"));
    // Suricata's drop record carries the alert only with the drop type's option alerts: yes
    assertFalse(drop.containsKey("alert.signature_id"), drop.toString());
    Map<String, String> stats = Json.flatten(lines.get(5));
    assertEquals("stats", stats.get("event_type"));
    assertEquals("12", stats.get("stats.uptime"));
    assertEquals("100", stats.get("stats.decoder.pkts"));
    assertEquals("3", stats.get("stats.flow.tcp"));
  }

  @Test
  void flowRecordCarriesItsTcpObjectAndFlowVariablesInSuricatasOrder() throws Exception {
    Path file = dir.resolve("flow.json");
    EventHeader h =
        TestEvents.tcpHeader(12).withExtras(List.of(100), FlowVars.of(List.of("a7.syn"), Map.of()));
    try (EveJsonWriter w = EveJsonWriter.open(file, EnumSet.of(EveJsonWriter.Type.FLOW))) {
      w.write(
          new FlowEvent(
              h,
              "smtp",
              5,
              4,
              600,
              2400,
              TestEvents.T0,
              TestEvents.T0,
              "established",
              "shutdown",
              false,
              new FlowDetails(
                  null,
                  "failed",
                  null,
                  null,
                  null,
                  null,
                  new FlowTcp(0xda, 0x5a, "close_wait", false, true))));
    }
    String line = Files.readAllLines(file).get(0);
    assertTrue(line.contains("\"event_type\":\"flow\",\"vlan\":[100],\"src_ip\""), line);
    assertFalse(line.contains("direction"), line);
    String t = "2026-11-26T18:50:42.123456+0000";
    assertTrue(
        line.contains(
            "\"proto\":\"TCP\",\"app_proto\":\"smtp\",\"app_proto_tc\":\"failed\","
                + "\"flow\":{\"pkts_toserver\":5,\"pkts_toclient\":4,\"bytes_toserver\":600,"
                + "\"bytes_toclient\":2400,\"start\":\""
                + t
                + "\",\"end\":\""
                + t
                + "\",\"age\":0,\"state\":\"established\",\"reason\":\"shutdown\","
                + "\"alerted\":false},\"metadata\":{\"flowbits\":[\"a7.syn\"]},"
                + "\"tcp\":{\"tcp_flags\":\"da\",\"tcp_flags_ts\":\"da\",\"tcp_flags_tc\":\"5a\","
                + "\"syn\":true,\"psh\":true,\"ack\":true,\"ecn\":true,\"cwr\":true,"
                + "\"state\":\"close_wait\",\"tc_gap\":true,\"ts_max_regions\":1,"
                + "\"tc_max_regions\":1},\"pcap_filename\""),
        line);
  }

  @Test
  void flowRecordWithoutSessionHasZeroFlagsAndNoState() throws Exception {
    Path file = dir.resolve("flow0.json");
    try (EveJsonWriter w = EveJsonWriter.open(file, EnumSet.of(EveJsonWriter.Type.FLOW))) {
      w.write(
          new FlowEvent(
              TestEvents.tcpHeader(12),
              null,
              1,
              0,
              60,
              0,
              TestEvents.T0,
              TestEvents.T0,
              "new",
              "shutdown",
              false,
              new FlowDetails(null, null, null, null, null, null, FlowTcp.NO_SESSION)));
    }
    String line = Files.readAllLines(file).get(0);
    assertTrue(
        line.contains(
            "\"alerted\":false},\"tcp\":{\"tcp_flags\":\"00\",\"tcp_flags_ts\":\"00\","
                + "\"tcp_flags_tc\":\"00\"},\"pcap_filename\""),
        line);
  }

  @Test
  void typesFilterWhatIsLogged() throws Exception {
    Path file = dir.resolve("alerts-only.json");
    try (EveJsonWriter w = EveJsonWriter.open(file, EnumSet.of(EveJsonWriter.Type.ALERT))) {
      w.write(new AppEvent(TestEvents.tcpHeader(1), 0, TestEvents.http("x")));
      w.write(TestEvents.alert(5, 2));
      w.stats(TestEvents.T0, 1, Map.of("a", 1));
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).contains("\"event_type\":\"alert\""));
  }

  @Test
  void badTypesSettingNamesTheKey() {
    OutputConfigException e =
        assertThrows(
            OutputConfigException.class,
            () -> EveTypes.parse(List.of("alert", "DNS!"), "outputs.eve-log.types"));
    assertEquals("outputs.eve-log.types", e.key());
    assertTrue(e.getMessage().contains("DNS!"), e.getMessage());
  }

  @Test
  void jqReadsEveryLineAndFindsTheCliFields() throws Exception {
    String jq = Jq.find();
    Assumptions.assumeTrue(
        jq != null, "jq not installed (bin/setup installs Debian's jq); skipping the jq check");
    Path file = writeAll();
    Jq.Result all = Jq.run(jq, file, "-c", ".event_type");
    assertEquals(0, all.code(), all.err());
    assertEquals(
        List.of("\"alert\"", "\"alert\"", "\"http\"", "\"flow\"", "\"drop\"", "\"stats\""),
        all.out().lines().toList());
    String filter =
        "[.[] | select(.event_type==\"alert\" and .pcap_cnt != null) | [.timestamp, .event_type, .src_ip, .src_port, "
            + ".dest_ip, .dest_port, .proto, .flow_id, .pcap_cnt, .pcap_filename, .alert.action, .alert.gid, "
            + ".alert.signature_id, .alert.rev, .alert.signature, .alert.category, .alert.severity] | map(. != null) | all] | length == 1 and all";
    Jq.Result fields = Jq.run(jq, file, "-e", "-s", filter);
    assertEquals(0, fields.code(), fields.out() + fields.err());
    assertEquals("true", fields.out().strip());
  }
}
