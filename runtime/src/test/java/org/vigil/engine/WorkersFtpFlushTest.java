package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.config.ClassificationConfig;
import org.vigil.detect.Ruleset;
import org.vigil.testing.TestRules;
import org.vigil.thread.queue.Router;

/**
 * FTP control flows whose RETR is parsed only when the flow is flushed (never acknowledged: at the
 * capture's end, or when the flow times out): the data flow they announce is ftp-data, with its
 * file, in the {@code workers} run mode over captures as in single, with either flow-owner mode.
 */
class WorkersFtpFlushTest {
  private static final String RULES =
      """
      alert tcp any any -> any 21 (msg:"heavy"; flow:to_server; content:"HEAVY"; pcre:"/HEAVY[a-z]*X/"; sid:1;)
      """;

  static ClassificationConfig classes;
  static Ruleset rules;

  @TempDir Path tmp;

  @BeforeAll
  static void compile(@TempDir Path dir) throws IOException {
    TestRules compiled = TestRules.compile(dir, "flush.rules", RULES);
    classes = compiled.classes();
    rules = compiled.ruleset();
  }

  /**
   * The RETR and the file are never acknowledged and neither flow ends: both are flushed at the
   * capture's end, the control flow first (seen last before the data flow), so its RETR announces
   * the data flow before the data flow's first data is read.
   */
  @Test
  void aRetrFlushedAtTheCapturesEndAnnouncesTheDataFlowFlushedAfterIt() throws IOException {
    Ports ports = ports();
    WorkersRecordRuns.Capture c = new WorkersRecordRuns.Capture();
    WorkersRecordRuns.Tcp control = control(c, ports);
    control.stopAcking();
    control.clientUnacked("RETR secret.txt\r\n");
    WorkersRecordRuns.Tcp data =
        new WorkersRecordRuns.Tcp(c, "10.0.0.1", ports.data, "10.0.0.2", 50000);
    data.open();
    data.stopAcking();
    data.serverUnacked("hello world\n");
    assertSameAsSingle(c.write(tmp.resolve("end.pcap")));
  }

  /**
   * The RETR is never acknowledged and the control flow goes quiet until it times out; the data
   * flow opens after that, when single has read the RETR.
   */
  @Test
  void aRetrFlushedAtItsFlowsTimeoutAnnouncesALaterDataFlow() throws IOException {
    Ports ports = ports();
    WorkersRecordRuns.Capture c = new WorkersRecordRuns.Capture();
    WorkersRecordRuns.Tcp control = control(c, ports);
    control.stopAcking();
    control.clientUnacked("RETR secret.txt\r\n");
    c.skip(3 * 3600);
    WorkersRecordRuns.Tcp data =
        new WorkersRecordRuns.Tcp(c, "10.0.0.1", ports.data, "10.0.0.2", 50000);
    data.open();
    data.server("hello world\n");
    data.close();
    assertSameAsSingle(c.write(tmp.resolve("timeout.pcap")));
  }

  /**
   * The RETR and the file are never acknowledged, then both flows go quiet: they time out in the
   * same sweep, the control flow first (seen last before the data flow), so its RETR announces the
   * data flow before the data flow's first data is read.
   */
  @Test
  void aRetrFlushedAtATimeoutAnnouncesADataFlowTimedOutInTheSameSweep() throws IOException {
    Ports ports = ports();
    WorkersRecordRuns.Capture c = new WorkersRecordRuns.Capture();
    WorkersRecordRuns.Tcp control = control(c, ports);
    control.stopAcking();
    control.clientUnacked("RETR secret.txt\r\n");
    WorkersRecordRuns.Tcp data =
        new WorkersRecordRuns.Tcp(c, "10.0.0.1", ports.data, "10.0.0.2", 50000);
    data.open();
    data.stopAcking();
    data.serverUnacked("hello world\n");
    c.skip(3 * 3600);
    // a packet of another flow: capture time passes the two flows' timeouts
    c.add(
        WorkersRecordRuns.segment(
            "10.0.9.1", 33333, "10.0.9.2", 80, 1, 0, WorkersRecordRuns.SYN, ""));
    assertSameAsSingle(c.write(tmp.resolve("sweep.pcap")));
  }

  /**
   * The RETR is never acknowledged and its capture ends; the data flow is in the next capture of
   * the run: the positions a capture's end took put the next capture's flows after them.
   */
  @Test
  void aRetrFlushedAtACapturesEndAnnouncesADataFlowOfTheNextCapture() throws IOException {
    Ports ports = ports();
    WorkersRecordRuns.Capture c = new WorkersRecordRuns.Capture();
    WorkersRecordRuns.Tcp control = control(c, ports);
    control.stopAcking();
    control.clientUnacked("RETR secret.txt\r\n");
    Path dir = Files.createDirectories(tmp.resolve("captures"));
    c.write(dir.resolve("a.pcap"));
    WorkersRecordRuns.Capture next = new WorkersRecordRuns.Capture();
    next.skip(60);
    WorkersRecordRuns.Tcp data =
        new WorkersRecordRuns.Tcp(next, "10.0.0.1", ports.data, "10.0.0.2", 50000);
    data.open();
    data.server("hello world\n");
    data.close();
    next.write(dir.resolve("b.pcap"));
    assertSameAsSingle(dir);
  }

  /** The control flow's port and a data port the static hash gives the other worker. */
  private record Ports(int control, int data) {}

  private static Ports ports() {
    Router.FlowHash hash = new Router.FlowHash(2);
    int controlPort = 40000;
    int dataPort = 40001;
    while (hash.route(decoded("10.0.0.1", dataPort, "10.0.0.2", 50000))
        == hash.route(decoded("10.0.0.1", controlPort, "10.0.0.2", 21))) {
      dataPort++;
    }
    return new Ports(controlPort, dataPort);
  }

  /**
   * A control flow that first carries heavy commands (its worker falls behind), then a passive mode
   * announcement of the data port 50000, every segment acknowledged.
   */
  private static WorkersRecordRuns.Tcp control(WorkersRecordRuns.Capture c, Ports ports) {
    WorkersRecordRuns.Tcp control =
        new WorkersRecordRuns.Tcp(c, "10.0.0.1", ports.control, "10.0.0.2", 21);
    control.open();
    control.server("220 (vsFTPd 3.0.3)\r\n");
    control.client("USER anonymous\r\n");
    control.server("331 Please specify the password.\r\n");
    control.client("PASS guest\r\n");
    control.server("230 Login successful.\r\n");
    char[] filler = new char[1300];
    Arrays.fill(filler, 'a');
    for (int i = 0; i < 500; i++) {
      control.client("NOOP HEAVY" + new String(filler) + "\r\n");
      control.server("200 NOOP ok.\r\n");
    }
    control.client("PASV\r\n");
    control.server("227 Entering Passive Mode (10,0,0,2,195,80).\r\n");
    return control;
  }

  private void assertSameAsSingle(Path capture) throws IOException {
    List<String> single = WorkersRecordRuns.records(run("single", null, capture, true));
    assertTrue(
        single.stream().anyMatch(r -> r.contains("\"event_type\":\"ftp_data\"")),
        "single logs the data flow: " + single);
    assertTrue(
        single.stream()
            .anyMatch(r -> r.contains("\"event_type\":\"fileinfo\"") && r.contains("secret.txt")),
        "" + single);
    for (boolean claims : new boolean[] {false, true}) {
      assertEquals(
          single,
          WorkersRecordRuns.records(run("workers", 2, capture, claims)),
          "claims " + claims);
    }
  }

  private Path run(String mode, Integer threads, Path capture, boolean claims) throws IOException {
    return WorkersRecordRuns.run(rules, classes, tmp, mode, threads, capture, claims);
  }

  private static org.vigil.decode.Packet decoded(String src, int sport, String dst, int dport) {
    return WorkersRecordRuns.decoded(
        WorkersRecordRuns.segment(src, sport, dst, dport, 1, 1, WorkersRecordRuns.SYN, ""));
  }
}
