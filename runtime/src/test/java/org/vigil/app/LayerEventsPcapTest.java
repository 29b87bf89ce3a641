package org.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;

/**
 * TLS, SSH and protocol detection events of zeek captures as EVE anomaly records, record by record
 * against Suricata 7.0.10's eve.json for the same captures (stock suricata.yaml): the TLS record
 * and handshake events, SSH's invalid banner and detection giving up a flow of unknown protocol.
 * Each line: event, pcap_cnt, src_port, tx_id, app_proto, layer.
 */
class LayerEventsPcapTest {
  @TempDir Path dir;

  private List<String> anomalies(String capture) throws IOException {
    return ZeekRun.anomalies(dir, capture);
  }

  @Test
  void tlsRecordsOfUnknownTypeVersionOrLengthEndTheParsing() throws IOException {
    assertEquals(
        List.of(
            "APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION 7 59062 null tls proto_detect",
            "INVALID_RECORD_TYPE 10 59062 0 tls proto_parser"),
        anomalies("tls/ssl-v2.pcap"));
    assertEquals(
        List.of(
            "APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION 7 50382 null tls proto_detect",
            "INVALID_RECORD_TYPE 7 50382 0 tls proto_parser"),
        anomalies("tls/https-to-http.pcap"));
    assertEquals(
        List.of("INVALID_RECORD_VERSION 9 62873 0 tls proto_parser"),
        anomalies("tls/chrome-63.0.3211.0-canary-tls_experiment.pcap"));
    assertEquals(
        List.of("INVALID_RECORD_LENGTH 52 58380 0 tls proto_parser"),
        anomalies("modbus/modbus-and-non-modbus-p502.pcap"));
  }

  /**
   * Rules on the events alert as Suricata 7.0.10 alerted with the same rules (bin/oracle): once per
   * direction on the connection's transaction, which Suricata goes on inspecting after its parser
   * failed.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "tls/ssl-v2.pcap|5=10,11",
        "tls/https-to-http.pcap|5=7,8",
        "tls/chrome-63.0.3211.0-canary-tls_experiment.pcap|6=9,12",
        "tls/tls1.2-protocol-violation.pcap|8=9,11",
        "modbus/modbus-and-non-modbus-p502.pcap|7=52,54"
      })
  void rulesOnTlsEventsAlertAsSuricata(String capture, String expected) throws IOException {
    String rules =
        "alert tls any any -> any any (msg:\"type\"; flow:established;"
            + " app-layer-event:tls.invalid_record_type; sid:5; rev:1;)\n"
            + "alert tls any any -> any any (msg:\"version\"; flow:established;"
            + " app-layer-event:tls.invalid_record_version; sid:6; rev:1;)\n"
            + "alert tls any any -> any any (msg:\"length\"; flow:established;"
            + " app-layer-event:tls.invalid_record_length; sid:7; rev:1;)\n"
            + "alert tls any any -> any any (msg:\"handshake\"; flow:established;"
            + " app-layer-event:tls.invalid_handshake_message; sid:8; rev:1;)\n";
    assertEquals(expected, ZeekRun.alertSummary(ZeekRun.run(dir, capture, rules)));
  }

  @Test
  void aHandshakeMessageOfUnknownTypeIsInvalid() throws IOException {
    assertEquals(
        List.of("INVALID_HANDSHAKE_MESSAGE 9 56637 0 tls proto_parser"),
        anomalies("tls/tls1.2-protocol-violation.pcap"));
  }

  @Test
  void aServerLineBeforeItsSshBannerIsAnInvalidBanner() throws IOException {
    assertEquals(
        List.of(
            "APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION 8 55343 null ssh proto_detect",
            "invalid_banner 8 55343 0 ssh proto_parser"),
        anomalies("ssh/server-pre-banner-data.pcap"));
  }

  @Test
  void detectionGivesUpFlowsHoldingTooMuchUnknownData() throws IOException {
    // two FTP data connections of a capture that starts mid-session (neither engine takes them as
    // ftp-data): the client's ACK after the server sent 100,000 bytes no pattern matched
    assertEquals(
        List.of(
            "APPLAYER_PROTO_DETECTION_SKIPPED 165 54094 null null proto_detect",
            "APPLAYER_PROTO_DETECTION_SKIPPED 735 54095 null null proto_detect"),
        anomalies("ftp/ftp-with-numbers-in-filename.pcap"));
  }

  @Test
  void aRetrBeforeAnyPortWasAnnouncedStopsTheFtpParserAndTheServerDetection() throws IOException {
    // the client sends all its commands before the server's banner: Suricata's FTP parser fails on
    // the RETR (no PASV reply yet) when packet 15 ACKs it, the flow's app layer stops, and the
    // banner the client's ACK 21 releases is never detected: no event, no app_proto_tc
    Path logs = ZeekRun.run(dir, "ftp/fake-server-delays-all.pcap", ZeekRun.NO_MATCH);
    assertEquals(List.of(), ZeekRun.anomalyLines(logs));
    assertEquals(List.of("ftp null"), flowProtocols(logs));
    // the same banner sent first is no protocol's once the client's USER is FTP's
    logs = ZeekRun.run(dir, "ftp/fake-long-commands.pcap", ZeekRun.NO_MATCH);
    assertEquals(
        List.of("APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION 7 21 null ftp proto_detect"),
        ZeekRun.anomalyLines(logs));
    assertEquals(List.of("ftp failed"), flowProtocols(logs));
  }

  /** Per flow record of a run: app_proto and app_proto_tc. */
  private static List<String> flowProtocols(Path logs) throws IOException {
    List<String> out = new java.util.ArrayList<>();
    for (String l : java.nio.file.Files.readAllLines(logs.resolve("eve.json"))) {
      java.util.Map<String, String> r = org.vigil.testing.Json.flatten(l);
      if ("flow".equals(r.get("event_type"))) {
        out.add(r.get("app_proto") + " " + r.get("app_proto_tc"));
      }
    }
    return out;
  }

  @Test
  void dataOfADirectionThatEndsBeforeItsDetectionIsNeverParsed() throws IOException {
    // the server's 7 bytes (no record) and its close: detection of its direction never ended
    assertEquals(List.of(), anomalies("tls/tls-1.2-protocol-error.pcap"));
  }

  @Test
  void eventsAfterTheConnectionWasLoggedAreNotWritten() throws IOException {
    // the client's record of length 65281 comes after the tls record was written (packet 9)
    assertEquals(List.of(), anomalies("tls/tls1.2-late-protocol-error.pcap"));
  }
}
