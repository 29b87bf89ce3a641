package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.JavaChild;
import org.vigil.output.TestEvents;
import org.vigil.output.log.AlertLog;
import org.vigil.output.log.AlertLogAppenderMain;
import org.vigil.output.log.AlertLogConfig;
import org.vigil.testing.Json;
import picocli.CommandLine;

class AlertsCommandTest {
  @TempDir Path logDir;

  private void appendThree() throws Exception {
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(TestEvents.alert(2000001, 1));
      log.append(TestEvents.icmpAlert(2000002));
      log.append(TestEvents.alert(2000003, 3));
    }
  }

  @Test
  void printsTheLogAsEveLines() throws Exception {
    appendThree();
    CliRun r = CliRun.of("alerts", logDir.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.out());
    List<String> sids = new ArrayList<>();
    for (String l : lines) {
      var f = Json.flatten(l);
      assertEquals("alert", f.get("event_type"));
      sids.add(f.get("alert.signature_id"));
    }
    assertEquals(List.of("2000001", "2000002", "2000003"), sids);
    assertEquals("2026-11-26T18:50:42.123456+0000", Json.flatten(lines.get(0)).get("timestamp"));
  }

  @Test
  void otherRecordTypesArePassedOverAndForeignRecordsCountedAndSkipped() throws Exception {
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(TestEvents.alert(2000001, 1));
      log.appendRecord(
          new org.vigil.output.AppEvent(TestEvents.tcpHeader(2), 0, TestEvents.http("curl")));
      log.appendStats(TestEvents.T0, 1, java.util.Map.of("pkts", 1));
    }
    try (var q =
            net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder.binary(
                    logDir.resolve(AlertLog.DIR_NAME).toFile())
                .rollCycle(net.openhft.chronicle.queue.RollCycles.FAST_DAILY)
                .build();
        var appender = q.createAppender()) {
      appender.writeText("not an alert");
    }
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(TestEvents.alert(2000003, 3));
    }
    CliRun r = CliRun.of("alerts", logDir.toString());
    assertEquals(0, r.code(), r.err());
    List<String> sids = new ArrayList<>();
    for (String l : r.out().lines().toList()) {
      sids.add(Json.flatten(l).get("alert.signature_id"));
    }
    assertEquals(List.of("2000001", "2000003"), sids);
    assertTrue(r.err().contains("1 records in"), r.err());
    assertTrue(r.err().contains("are not Vigil's"), r.err());
  }

  @Test
  void printsTheLogAsFastLines() throws Exception {
    appendThree();
    CliRun r = CliRun.of("alerts", logDir.toString(), "--format", "fast");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size());
    assertEquals(
        "11/26/2026-18:50:42.123456  [**] [1:2000001:3] ET POLICY test \"quoted\" msg 2000001 [**] "
            + "[Classification: Potential Corporate Privacy Violation] [Priority: 1] {TCP} 10.0.0.1:51000 -> 192.0.2.7:80",
        lines.get(0));
    assertTrue(lines.get(1).contains("[Drop] [**] [1:2000002:1] ICMPv6 echo"), lines.get(1));
  }

  @Test
  void noAlertLogIsBadUsageWithAClearMessage() {
    CliRun r = CliRun.of("alerts", logDir.toString());
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("no alert log in " + logDir), r.err());
    assertEquals("", r.out());
  }

  @Test
  void unknownFormatIsBadUsage() throws Exception {
    appendThree();
    CliRun r = CliRun.of("alerts", logDir.toString(), "--format", "xml");
    assertEquals(Vigil.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("--format must be eve or fast"), r.err());
  }

  /**
   * A writer that counts the lines the follower prints and notes which arrived while the appender
   * ran.
   */
  private static final class LineCounter extends Writer {
    final StringBuffer text = new StringBuffer();
    final AtomicInteger lines = new AtomicInteger();

    @Override
    public void write(char[] cbuf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        text.append(cbuf[i]);
        if (cbuf[i] == '\n') {
          lines.incrementAndGet();
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void followWaitsForTheLogToAppear() throws Exception {
    LineCounter out = new LineCounter();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Path later = logDir.resolve("later");
    Thread follower =
        Thread.ofPlatform()
            .name("alerts-follow-wait")
            .start(
                () -> {
                  CommandLine cl = Vigil.commandLine();
                  cl.setOut(new PrintWriter(out, true));
                  cl.setErr(new PrintWriter(err, true));
                  code.set(cl.execute("alerts", later.toString(), "--follow"));
                });
    Thread.sleep(500);
    assertTrue(follower.isAlive(), "exited at once: " + err);
    assertTrue(err.toString().contains("waiting for " + later.resolve("alerts")), err.toString());
    try (AlertLog log = AlertLog.open(later, AlertLogConfig.DEFAULT)) {
      log.append(TestEvents.alert(2000009, 1));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (out.lines.get() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    follower.interrupt();
    follower.join(10_000);
    assertEquals(
        "2000009",
        Json.flatten(out.text.toString().lines().findFirst().orElseThrow())
            .get("alert.signature_id"));
  }

  @Test
  void followShowsAlertsWhileAnotherProcessAppends() throws Exception {
    int total = 30;
    Process appender =
        new ProcessBuilder(
                JavaChild.command(
                    AlertLogAppenderMain.class, logDir.toString(), Integer.toString(total), "100"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader acks =
        new BufferedReader(
            new InputStreamReader(appender.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("ready", acks.readLine(), "appender did not start");

    LineCounter out = new LineCounter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread follower =
        Thread.ofPlatform()
            .name("alerts-follow")
            .start(
                () -> {
                  CommandLine cl = Vigil.commandLine();
                  cl.setOut(new PrintWriter(out, true));
                  cl.setErr(new PrintWriter(new StringWriter()));
                  code.set(cl.execute("alerts", logDir.toString(), "--follow"));
                });
    AtomicBoolean seenWhileAppending = new AtomicBoolean();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (out.lines.get() < total && System.nanoTime() < deadline) {
      if (out.lines.get() > 0 && out.lines.get() < total && appender.isAlive()) {
        seenWhileAppending.set(true);
      }
      Thread.sleep(10);
    }
    // drain the appender's acknowledgements and let it finish
    while (acks.readLine() != null) {
      // acknowledged
    }
    assertTrue(appender.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, appender.exitValue());
    Thread.sleep(300); // nothing more may arrive
    follower.interrupt();
    follower.join(10_000);

    assertTrue(
        seenWhileAppending.get(), "the follower showed nothing until the appender had finished");
    List<String> lines = out.text.toString().lines().toList();
    assertEquals(total, lines.size(), out.text.toString());
    for (int i = 0; i < total; i++) {
      assertEquals(Integer.toString(i + 1), Json.flatten(lines.get(i)).get("alert.signature_id"));
    }
  }
}
