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
            true),
        new FlowEvent(
            icmp, null, 1, 0, 60, 0, TestEvents.T0, TestEvents.T0, "new", "timeout", false),
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
    assertEquals(List.of("alert", "http", "flow", "flow"), types);
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
