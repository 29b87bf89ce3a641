package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.log.AlertLog;
import org.vigil.output.log.AlertLogConfig;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.testing.Json;

/**
 * eve.json and fast.log after a crash: the next run into the folder cuts a torn last line and
 * writes the alerts of the alert log they miss, each once; a running set flushes them every second.
 */
class CrashConsistentOutputsTest {
  @TempDir Path logDir;

  private static final List<Long> ALL = LongStream.rangeClosed(1, 15).boxed().toList();

  /**
   * Ten alerts written and flushed by a run; then five more reach the alert log only, as when a run
   * is killed.
   */
  private void crashedRun() throws IOException {
    try (Outputs out = Outputs.open(logDir, OutputConfig.DEFAULT)) {
      for (long sid = 1; sid <= 10; sid++) {
        out.alert(TestEvents.alert(sid, sid));
      }
    }
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      for (long sid = 11; sid <= 15; sid++) {
        log.append(TestEvents.alert(sid, sid));
      }
    }
    // what the killed run's buffers had pushed out: whole records and a torn one
    String fast11 = fastLine(11);
    String fast12 = fastLine(12);
    String fast13 = fastLine(13);
    append("fast.log", fast11 + "\n" + fast12 + "\n" + fast13.substring(0, fast13.length() / 2));
    String eve12 = eveLine(TestEvents.alert(12, 12));
    append(
        "eve.json",
        eveLine(TestEvents.alert(11, 11))
            + "\n"
            + eveLine(
                new FlowEvent(
                    TestEvents.tcpHeader(11),
                    "http",
                    1,
                    1,
                    10,
                    10,
                    TestEvents.T0,
                    TestEvents.T0,
                    "closed",
                    "shutdown",
                    true,
                    FlowDetails.NONE))
            + "\n"
            + eve12.substring(0, eve12.length() - 7));
  }

  @Test
  void tornLastLineIsCutAndMissingAlertsAreWrittenOnce() throws Exception {
    crashedRun();
    try (Outputs out = Outputs.open(logDir, OutputConfig.DEFAULT)) {
      assertEquals(4, out.recoveredAlerts(), "eve.json missed 12..15 (12 torn)");
      out.alert(TestEvents.alert(16, 16));
    }
    List<Long> expected = new ArrayList<>(ALL);
    expected.add(16L);
    assertEquals(expected, eveAlertSids());
    assertEquals(expected, fastSids());
    List<String> types = new ArrayList<>();
    for (String l : Files.readAllLines(logDir.resolve("eve.json"))) {
      types.add(Json.flatten(l).get("event_type"));
    }
    assertEquals(
        1,
        types.stream().filter("flow"::equals).count(),
        "the killed run's complete flow record is kept");

    try (Outputs out = Outputs.open(logDir, OutputConfig.DEFAULT)) {
      assertEquals(0, out.recoveredAlerts(), "a consistent folder gets nothing again");
    }
    assertEquals(expected, eveAlertSids());
    assertEquals(expected, fastSids());
  }

  @Test
  void withoutMarksTheFilesAreCountedFromTheStart() throws Exception {
    crashedRun();
    Files.delete(logDir.resolve(".eve.json.pos"));
    Files.delete(logDir.resolve(".fast.log.pos"));
    try (Outputs out = Outputs.open(logDir, OutputConfig.DEFAULT)) {
      assertEquals(4, out.recoveredAlerts());
    }
    assertEquals(ALL, eveAlertSids());
    assertEquals(ALL, fastSids());
  }

  @Test
  void aRotatedEveJsonStartsAfreshWithoutTheOldAlerts() throws Exception {
    crashedRun();
    Files.move(logDir.resolve("eve.json"), logDir.resolve("eve.json.1"));
    try (Outputs out = Outputs.open(logDir, OutputConfig.DEFAULT)) {
      assertEquals(3, out.recoveredAlerts(), "fast.log missed 13..15");
      out.alert(TestEvents.alert(16, 16));
    }
    assertEquals(List.of(16L), eveAlertSids());
    List<Long> expected = new ArrayList<>(ALL);
    expected.add(16L);
    assertEquals(expected, fastSids());
  }

  @Test
  void aRunningSetFlushesWithinASecond() throws Exception {
    try (Outputs out = Outputs.open(logDir, OutputConfig.DEFAULT)) {
      out.alert(TestEvents.alert(1, 1));
      out.alert(TestEvents.alert(2, 2));
      long deadline = System.nanoTime() + 3_000_000_000L;
      while (fastSids().size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(List.of(1L, 2L), eveAlertSids(), "eve.json on disk while the run goes on");
      assertEquals(List.of(1L, 2L), fastSids());
      assertTrue(
          Files.readString(logDir.resolve(".eve.json.pos"))
              .contains("offset=" + Files.size(logDir.resolve("eve.json"))),
          "the mark follows the flush");
    }
  }

  private String fastLine(long sid) {
    return new FastLogWriter(java.io.OutputStream.nullOutputStream())
        .format(TestEvents.alert(sid, sid));
  }

  private static String eveLine(OutputEvent e) throws IOException {
    StringWriter w = new StringWriter();
    try (EveJsonWriter eve = new EveJsonWriter(w, org.vigil.output.EveTypes.ALL)) {
      eve.write(e);
    }
    return w.toString().strip();
  }

  private void append(String file, String text) throws IOException {
    Files.writeString(logDir.resolve(file), text, StandardOpenOption.APPEND);
  }

  private List<Long> eveAlertSids() throws IOException {
    List<Long> sids = new ArrayList<>();
    for (String l : Files.readAllLines(logDir.resolve("eve.json"))) {
      Map<String, String> m = Json.flatten(l);
      if ("alert".equals(m.get("event_type"))) {
        sids.add(Long.parseLong(m.get("alert.signature_id")));
      }
    }
    return sids;
  }

  private List<Long> fastSids() throws IOException {
    List<Long> sids = new ArrayList<>();
    for (String l : Files.readAllLines(logDir.resolve("fast.log"))) {
      int i = l.indexOf("[1:") + 3;
      sids.add(Long.parseLong(l.substring(i, l.indexOf(':', i))));
    }
    return sids;
  }
}
