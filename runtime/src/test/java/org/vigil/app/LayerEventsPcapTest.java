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

  private static final String NO_RULE =
      "alert tcp any any -> any any (msg:\"none\"; content:\"zzqqzz\"; sid:9; rev:1;)\n";

  private List<String> anomalies(String capture) throws IOException {
    return ZeekRun.anomalyLines(ZeekRun.run(dir, capture, NO_RULE));
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
}
