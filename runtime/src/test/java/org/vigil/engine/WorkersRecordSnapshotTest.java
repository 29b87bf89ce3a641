package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.config.ClassificationConfig;
import org.vigil.detect.Ruleset;
import org.vigil.testing.TestRules;

/**
 * In the {@code workers} run mode over captures the coordinator writes the records the workers
 * queued, later and on another thread: each record says what its transaction was when the record
 * was made, as in single, even when the connection goes on before the record is written (an alert
 * of a rate-limited rule waits for its batch to be decided).
 */
class WorkersRecordSnapshotTest {
  private static final String RULES =
      """
      alert tcp any any -> any 5900 (msg:"rfb client version"; flow:to_server,established; content:"RFB 003.008"; threshold: type limit, track by_src, count 5, seconds 60; sid:1;)
      alert tcp any any -> any 80 (msg:"first request"; flow:to_server,established; content:"/first"; http_uri; threshold: type limit, track by_src, count 5, seconds 60; sid:2;)
      alert tcp any any -> any 25 (msg:"first mail"; flow:to_server,established; content:"RCPT TO:<one@example.com>"; threshold: type limit, track by_src, count 5, seconds 60; sid:3;)
      """;

  static ClassificationConfig classes;
  static Ruleset rules;

  @TempDir Path tmp;

  @BeforeAll
  static void compile(@TempDir Path dir) throws IOException {
    TestRules compiled = TestRules.compile(dir, "snapshot.rules", RULES);
    classes = compiled.classes();
    rules = compiled.ruleset();
  }

  /**
   * An RFB handshake whose client version raises a rate-limited alert, then goes on (VNC
   * authentication, server init): the alert's rfb object is the handshake as far as it was at the
   * alert (no security type yet), in workers as in single.
   */
  @Test
  void anRfbAlertCarriesTheHandshakeAsItWasAtTheAlert() throws IOException {
    WorkersRecordRuns.Capture c = new WorkersRecordRuns.Capture();
    WorkersRecordRuns.Tcp vnc = new WorkersRecordRuns.Tcp(c, "10.1.0.1", 41000, "10.1.0.2", 5900);
    vnc.open();
    vnc.server("RFB 003.008\n");
    vnc.client("RFB 003.008\n");
    vnc.server("\u0001\u0002");
    vnc.client("\u0002");
    vnc.server("CHALLENGE-BYTES!");
    vnc.client("RESPONSE--BYTES!");
    vnc.server("\u0000\u0000\u0000\u0000");
    vnc.client("\u0001");
    vnc.server(
        "\u0004\u0000\u0003\u0000" // 1024 x 768
            + "\u0020\u0018\u0000\u0001\u0000\u00ff\u0000\u00ff\u0000\u00ff\u0010\u0008\u0000"
            + "\u0000\u0000\u0000" // pixel format
            + "\u0000\u0000\u0000\u0004desk");
    vnc.close();
    Path capture = c.write(tmp.resolve("rfb.pcap"));
    List<String> single = records(run("single", null, capture, true));
    List<String> alerts =
        single.stream().filter(r -> r.contains("\"event_type\":\"alert\"")).toList();
    assertEquals(1, alerts.size(), "" + single);
    assertTrue(alerts.get(0).contains("\"rfb\":{"), alerts.get(0));
    assertTrue(!alerts.get(0).contains("\"security_type\""), alerts.get(0));
    assertTrue(
        single.stream()
            .anyMatch(
                r -> r.contains("\"event_type\":\"rfb\"") && r.contains("\"security_type\":2")),
        "" + single);
    for (boolean claims : new boolean[] {false, true}) {
      assertEquals(single, records(run("workers", 2, capture, claims)), "claims " + claims);
    }
  }

  /**
   * Two HTTP transactions on one connection and two mails on one SMTP session, the first of each
   * raising a rate-limited alert: each alert's http or smtp object and each transaction record is
   * its own transaction's, in workers as in single.
   */
  @Test
  void alertsAndRecordsOfLaterTransactionsOnOneConnectionAreTheirOwn() throws IOException {
    WorkersRecordRuns.Capture c = new WorkersRecordRuns.Capture();
    WorkersRecordRuns.Tcp http = new WorkersRecordRuns.Tcp(c, "10.2.0.1", 42000, "10.2.0.2", 80);
    http.open();
    http.client("GET /first HTTP/1.1\r\nHost: a.example\r\nUser-Agent: one\r\n\r\n");
    http.server("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");
    http.client("GET /second HTTP/1.1\r\nHost: b.example\r\nUser-Agent: two\r\n\r\n");
    http.server("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    http.close();
    WorkersRecordRuns.Tcp smtp = new WorkersRecordRuns.Tcp(c, "10.2.0.3", 42001, "10.2.0.4", 25);
    smtp.open();
    smtp.server("220 mail.example ESMTP\r\n");
    smtp.client("HELO client.example\r\n");
    smtp.server("250 hello\r\n");
    for (String who : new String[] {"one", "two"}) {
      smtp.client("MAIL FROM:<" + who + "@sender.example>\r\n");
      smtp.server("250 ok\r\n");
      smtp.client("RCPT TO:<" + who + "@example.com>\r\n");
      smtp.server("250 ok\r\n");
      smtp.client("DATA\r\n");
      smtp.server("354 go on\r\n");
      smtp.client("Subject: " + who + "\r\n\r\nbody " + who + "\r\n.\r\n");
      smtp.server("250 queued\r\n");
    }
    smtp.client("QUIT\r\n");
    smtp.server("221 bye\r\n");
    smtp.close();
    Path capture = c.write(tmp.resolve("txs.pcap"));
    List<String> single = records(run("single", null, capture, true));
    assertEquals(
        2, single.stream().filter(r -> r.contains("\"event_type\":\"http\"")).count(), "" + single);
    assertEquals(
        2,
        single.stream()
            .filter(r -> r.contains("\"event_type\":\"smtp\"") && r.contains("\"mail_from\""))
            .count(),
        "" + single);
    assertTrue(
        single.stream()
            .anyMatch(
                r ->
                    r.contains("\"event_type\":\"alert\"")
                        && r.contains("\"url\":\"/first\"")
                        && !r.contains("/second")),
        "" + single);
    for (boolean claims : new boolean[] {false, true}) {
      assertEquals(single, records(run("workers", 2, capture, claims)), "claims " + claims);
    }
  }

  private Path run(String mode, Integer threads, Path capture, boolean claims) throws IOException {
    // data inspected as it arrives (raw and app layer), while the handshake goes on
    return WorkersRecordRuns.run(
        rules, classes, tmp, mode, threads, capture, claims, "stream.inline=yes");
  }

  private static List<String> records(Path logs) throws IOException {
    return WorkersRecordRuns.records(logs);
  }
}
