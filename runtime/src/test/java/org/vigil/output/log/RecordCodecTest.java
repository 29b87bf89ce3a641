package org.vigil.output.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.AlertEvent;
import org.vigil.output.AnomalyEvent;
import org.vigil.output.AppEvent;
import org.vigil.output.DropDetails;
import org.vigil.output.DropEvent;
import org.vigil.output.EveJsonWriter;
import org.vigil.output.EveTypes;
import org.vigil.output.EventHeader;
import org.vigil.output.FileEvent;
import org.vigil.output.FlowEvent;
import org.vigil.output.OutputEvent;
import org.vigil.output.TestEvents;

/**
 * Every EVE record type a run may put into the durable log for shipping reads back as a record that
 * EVE prints exactly as the run printed it; readers of alerts see only the alerts.
 */
class RecordCodecTest {
  @TempDir Path logDir;

  static List<OutputEvent> everyKind() {
    EventHeader h = TestEvents.tcpHeader(9);
    EventHeader icmp =
        new EventHeader(
            TestEvents.T0,
            77,
            null,
            null,
            "10.0.0.9",
            null,
            "10.0.0.1",
            null,
            "ICMP",
            null,
            3,
            1,
            "wire/pcap");
    AlertEvent alert = TestEvents.alert(2000001, 7);
    return List.of(
        alert,
        new AppEvent(h, 3, TestEvents.http("curl/8.0 \"quoted\" ünïcode")),
        new FlowEvent(
            h,
            "http",
            5,
            4,
            600,
            4000,
            TestEvents.T0 - 2_000_000_000L,
            TestEvents.T0,
            "closed",
            "shutdown",
            true,
            new org.vigil.output.FlowDetails(
                "failed",
                null,
                "smtp",
                null,
                null,
                null,
                new org.vigil.output.FlowTcp(0x1b, 0x5a, "last_ack", true, false))),
        new FlowEvent(
            icmp,
            null,
            1,
            1,
            60,
            60,
            TestEvents.T0,
            TestEvents.T0,
            "new",
            "timeout",
            false,
            new org.vigil.output.FlowDetails(null, null, null, 0, 0, null, null)),
        new FlowEvent(
            icmp,
            null,
            1,
            0,
            60,
            0,
            TestEvents.T0,
            TestEvents.T0,
            "new",
            "timeout",
            false,
            new org.vigil.output.FlowDetails(
                null, null, null, null, null, null, org.vigil.output.FlowTcp.NO_SESSION)),
        new FileEvent(
            h,
            "http",
            TestEvents.http("x"),
            3,
            "/index.html",
            false,
            "CLOSED",
            "d41d8cd98f00b204e9800998ecf8427e",
            null,
            null,
            1234),
        new FileEvent(h, null, null, 0, "/up", true, "TRUNCATED", null, null, null, 0),
        AnomalyEvent.transaction(h, "http", "REQUEST_FIELD_MISSING_COLON", 2),
        new AnomalyEvent(icmp, AnomalyEvent.DECODE, "decoder.ipv4.trunc_pkt", null, null, null),
        new DropEvent(h, 60, 0, 64, 4242, "rules", alert),
        new DropEvent(
            h,
            60,
            0,
            64,
            0,
            "stream error",
            null,
            new DropDetails(true, 5, "tcp", 1L << 31, 7, 512, 0x18, 0, 0, 0, -1, -1)));
  }

  @Test
  void everyRecordKindReadsBackAsEvePrintedIt() throws Exception {
    List<OutputEvent> written = everyKind();
    Map<String, Object> counters = new LinkedHashMap<>();
    counters.put("decoder", Map.of("pkts", 10L));
    counters.put("ratio", 0.25);
    counters.put("name", "w1");
    counters.put("on", true);
    counters.put("list", List.of(1, 2));
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      for (OutputEvent e : written) {
        log.appendRecord(e);
      }
      log.appendStats(TestEvents.T0, 42, counters);
    }
    List<LogRecord> read = new ArrayList<>();
    List<Long> alertSids = new ArrayList<>();
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      while (r.nextRecord((index, rec) -> read.add(rec))) {
        // until nothing more
      }
      assertEquals(0, r.skipped());
    }
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      r.drain(a -> alertSids.add(a.signatureId()));
    }
    assertEquals(written.size() + 1, read.size());
    for (int i = 0; i < written.size(); i++) {
      LogRecord.Event back = (LogRecord.Event) read.get(i);
      assertEquals(eve(written.get(i)), eve(back.event()), "record " + i);
      assertEquals(written.get(i).header().flowId(), back.flowId());
    }
    LogRecord.Stats stats = (LogRecord.Stats) read.getLast();
    assertEquals(
        stats(TestEvents.T0, 42, counters),
        stats(stats.timestampNanos(), stats.uptimeSeconds(), stats.counters()));
    // a reader of alerts sees the one alert, not the other records
    assertEquals(List.of(2000001L), alertSids);
  }

  @Test
  void theOutputsPutTheConfiguredTypesIntoTheLog() throws Exception {
    AlertLogConfig cfg =
        AlertLogConfig.fromMap(Map.of("types", List.of("flow", "http")), "outputs.alert-log");
    List<String> types = new ArrayList<>();
    try (AlertLog log = AlertLog.open(logDir, cfg);
        RecordLogSink sink = new RecordLogSink(log, cfg.types())) {
      for (OutputEvent e : everyKind()) {
        if (e instanceof AlertEvent a) {
          log.append(a);
        }
        sink.write(e);
      }
      sink.stats(TestEvents.T0, 1, Map.of("x", 1));
    }
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      while (r.nextRecord((index, rec) -> types.add(rec.eventType()))) {
        // until nothing more
      }
    }
    assertEquals(List.of("alert", "http", "flow", "flow", "flow"), types);
  }

  /**
   * An alert with every optional field and its payload, frame and bodies, and an app record with
   * VLAN ids and flowbits, read back print as the run printed them; a renderer of the log shows the
   * alert bytes the run's outputs asked for, whatever its own options.
   */
  @Test
  void optionalFieldsAndAlertBytesReadBackAsEvePrintedThem() throws Exception {
    EventHeader h =
        TestEvents.tcpHeader(9)
            .withExtras(
                List.of(23, 7),
                org.vigil.output.FlowVars.of(
                    List.of("ET.formdata", "http.dottedquadhost"), Map.of("hits", 3L)));
    Object alertTypes =
        Map.of(
            "alert",
            Map.of(
                "payload", "yes",
                "payload-printable", "yes",
                "packet", "yes",
                "http-body-printable", "yes"));
    org.vigil.output.EveOptions asked =
        org.vigil.output.EveOptions.of(EveTypes.parse(List.of(alertTypes), "types"), "types");
    Map<String, List<String>> ruleMeta = new LinkedHashMap<>();
    ruleMeta.put("updated_at", List.of("2019_07_26"));
    ruleMeta.put("Attack_target", List.of("Client_Endpoint"));
    ruleMeta.put("created_at", List.of("2010_09_23"));
    AlertEvent alert =
        AlertEvent.builder(h)
            .rule(1, 2000003, 2)
            .signature("m", "c", 2)
            .app("http", TestEvents.http("x"))
            .txId(0L)
            .metadata(ruleMeta)
            .more(
                new org.vigil.output.AlertExtras(
                    new org.vigil.output.AlertTunnel(
                        "192.168.1.1", 0, "192.168.1.2", 0, "GRE", 1, 1L, "wire/pcap"),
                    org.vigil.output.AlertExtras.TARGET_DEST,
                    null,
                    "failed",
                    true))
            .payload(
                new org.vigil.output.AlertPayload(
                    "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    true,
                    new byte[] {1, 2, 3},
                    1,
                    "a=1".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    null,
                    asked))
            .build();
    AppEvent app = new AppEvent(h, 0, TestEvents.http("y"));
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(alert);
      log.appendRecord(app);
    }
    List<OutputEvent> read = new ArrayList<>();
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      while (r.nextRecord((index, rec) -> read.add(((LogRecord.Event) rec).event()))) {
        // until nothing more
      }
      assertEquals(0, r.skipped(), r.lastSkipped());
    }
    String printed = eve(alert, List.of(alertTypes, "http"), false);
    assertEquals(printed, eve(read.get(0), List.of("alert", "http"), true));
    for (String key :
        List.of(
            "\"event_type\":\"alert\",\"vlan\":[23,7],\"src_ip\"",
            "\"tx_id\":0,\"tx_guessed\":true,\"alert\":{",
            "\"metadata\":{\"flowbits\":[\"ET.formdata\",\"http.dottedquadhost\"],"
                + "\"flowints\":{\"hits\":3}}",
            "\"severity\":2,\"source\":{\"ip\":\"10.0.0.1\",\"port\":51000},"
                + "\"target\":{\"ip\":\"192.0.2.7\",\"port\":80},\"metadata\":"
                + "{\"Attack_target\":[\"Client_Endpoint\"],\"created_at\":[\"2010_09_23\"],"
                + "\"updated_at\":[\"2019_07_26\"]}}",
            "\"tunnel\":{\"src_ip\":\"192.168.1.1\",\"src_port\":0,\"dest_ip\":"
                + "\"192.168.1.2\",\"dest_port\":0,\"proto\":\"GRE\",\"depth\":1,"
                + "\"pcap_cnt\":1,\"pkt_src\":\"wire/pcap\"}",
            "\"http_request_body_printable\":\"a=1\"}",
            "\"app_proto\":\"http\",\"app_proto_tc\":\"failed\"",
            "\"payload_printable\":\"GET / HTTP/1.1\\r\\n\"",
            "\"packet\":\"AQID\"")) {
      assertEquals(true, printed.contains(key), key + " in " + printed);
    }
    assertEquals(eve(app), eve(read.get(1)));
    assertEquals(true, eve(app).contains("\"vlan\":[23,7]"), eve(app));
  }

  /** Records of the layouts before the tagged fields (alerts 4, others 5) still read. */
  @Test
  void olderLayoutsStillRead() throws Exception {
    for (OutputEvent e : List.of(TestEvents.alert(2000004, 3), everyKind().get(1))) {
      net.openhft.chronicle.bytes.Bytes<?> b =
          net.openhft.chronicle.bytes.Bytes.allocateElasticOnHeap(256);
      if (e instanceof AlertEvent a) {
        AlertCodec.write(b, a);
      } else {
        RecordCodec.write(b, e);
      }
      byte[] now = new byte[(int) b.readRemaining()];
      b.read(now);
      // the older layout: the same fields without the tagged ones (only the end tag here)
      assertEquals(0, now[now.length - 1]);
      byte[] old = java.util.Arrays.copyOf(now, now.length - 1);
      old[0] = (byte) (e instanceof AlertEvent ? 4 : 5);
      LogRecord back = RecordCodec.read(net.openhft.chronicle.bytes.Bytes.wrapForRead(old));
      assertEquals(eve(e), eve(((LogRecord.Event) back).event()));
    }
  }

  private static String eve(OutputEvent e, List<Object> types, boolean asLogged) throws Exception {
    StringWriter out = new StringWriter();
    try (EveJsonWriter w = new EveJsonWriter(out, EveTypes.parse(types, "types"))) {
      if (asLogged) {
        w.withLoggedAlertOptions();
      }
      w.write(e);
    }
    return out.toString();
  }

  private static String eve(OutputEvent e) throws Exception {
    StringWriter out = new StringWriter();
    try (EveJsonWriter w =
        new EveJsonWriter(
            out,
            EveTypes.parse(
                List.of(
                    "alert",
                    "http",
                    "flow",
                    "files",
                    Map.of("anomaly", Map.of("types", Map.of("decode", "yes"))),
                    Map.of("drop", Map.of("alerts", "yes"))),
                "types"))) {
      w.write(e);
    }
    assertEquals(true, out.toString().endsWith("\n"), "not written: " + e);
    return out.toString();
  }

  private static String stats(long ts, long uptime, Map<String, ?> counters) throws Exception {
    StringWriter out = new StringWriter();
    try (EveJsonWriter w = new EveJsonWriter(out, java.util.EnumSet.of(EveJsonWriter.Type.STATS))) {
      w.stats(ts, uptime, counters);
    }
    return out.toString();
  }
}
