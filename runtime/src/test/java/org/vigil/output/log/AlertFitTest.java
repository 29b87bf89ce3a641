package org.vigil.output.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.AlertEvent;
import org.vigil.output.AlertPayload;
import org.vigil.output.TestEvents;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.testing.Json;

/** An alert whose bytes exceed a block of the alert log is kept, its bytes cut and marked. */
class AlertFitTest {
  @TempDir Path logDir;

  private static byte[] filled(int n, char c) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }

  private static AlertEvent withBodies(long sid, int size) {
    byte[] request = filled(size, 'q');
    byte[] response = filled(size, 'r');
    response[0] = 'H';
    return TestEvents.alert(sid, 5)
        .withPayload(
            new AlertPayload(
                filled(1400, 'p'), false, filled(1460, 'f'), 1, request, response, null));
  }

  private List<AlertEvent> readAll() {
    List<AlertEvent> out = new ArrayList<>();
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      r.drain(out::add);
    }
    return out;
  }

  @Test
  void sixMebibyteBodiesAreCutAndTheAlertIsKept() {
    AlertEvent small = TestEvents.alert(2, 6);
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(withBodies(1, 6 << 20));
      log.append(small);
      assertEquals(2, log.appended());
      assertEquals(1, log.recordsTruncated());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    List<AlertEvent> read = readAll();
    assertEquals(List.of(1L, 2L), read.stream().map(AlertEvent::signatureId).toList());
    AlertPayload p = read.get(0).payload();
    assertTrue(p.truncated());
    long kept =
        (long) p.payload().length
            + p.packet().length
            + p.requestBody().length
            + p.responseBody().length;
    assertEquals(AlertFit.MAX_BYTES, kept);
    // the small parts are whole; the bodies keep their start
    assertArrayEquals(filled(1400, 'p'), p.payload());
    assertEquals(1460, p.packet().length);
    assertEquals(p.requestBody().length, p.responseBody().length);
    assertEquals('H', p.responseBody()[0]);
    assertEquals(null, read.get(1).payload());
  }

  @Test
  void anAlertThatFitsIsLeftAsItIs() {
    AlertEvent a = withBodies(3, 1000);
    assertSame(a, AlertFit.fit(a, AlertFit.MAX_BYTES));
    assertFalse(a.payload().truncated());
  }

  @Test
  void streamDataKeepsItsEndTheBytesNearestTheMatch() {
    byte[] data = filled(10, 's');
    data[9] = 'm';
    AlertEvent a =
        TestEvents.alert(4, 1).withPayload(new AlertPayload(data, true, null, 1, null, null));
    AlertPayload p = AlertFit.fit(a, 4).payload();
    assertArrayEquals("sssm".getBytes(java.nio.charset.StandardCharsets.US_ASCII), p.payload());
    assertTrue(p.truncated());
  }

  /** eve.json, fast.log, the log and stats agree on a cut alert. */
  @Test
  void everyOutputShowsTheCutAlertAndStatsCountIt() throws Exception {
    Map<String, Object> eve =
        Map.of(
            "enabled",
            "yes",
            "filename",
            "eve.json",
            "types",
            List.of(Map.of("alert", Map.of("http-body", "yes", "payload", "yes"))));
    OutputConfig config =
        OutputConfig.fromYaml(
            List.of(Map.of("eve-log", eve), Map.of("fast", Map.of("enabled", "yes"))), logDir);
    Map<String, Object> counters;
    try (Outputs out = Outputs.open(logDir, config)) {
      out.alert(withBodies(7, 6 << 20));
      counters = out.counters();
    }
    assertEquals(1L, counters.get("alert_log_records_truncated"));
    List<Map<String, Object>> lines = Json.readLines(logDir.resolve("eve.json"));
    Map<String, Object> alert =
        lines.stream().filter(e -> "alert".equals(e.get("event_type"))).findFirst().orElseThrow();
    assertEquals(Boolean.TRUE, alert.get("payload_truncated"));
    @SuppressWarnings("unchecked")
    Map<String, Object> http = (Map<String, Object>) alert.get("http");
    String body = (String) http.get("http_response_body");
    assertTrue(body.length() < (AlertFit.MAX_BYTES / 3 * 4 + 4), "cut body: " + body.length());
    assertTrue(
        Files.readString(logDir.resolve("fast.log")).contains("[1:7:"), "fast.log has the alert");
    AlertEvent kept = readAll().get(0);
    assertEquals(7, kept.signatureId());
    assertTrue(kept.payload().truncated());
  }
}
