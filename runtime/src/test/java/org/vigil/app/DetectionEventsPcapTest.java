package org.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;
import org.vigil.testing.Json;

/**
 * Suricata's protocol detection events as EVE anomaly records (layer proto_detect) of runs over
 * zeek captures: packet, source port, protocol and event as Suricata 7.0.10 writes them for the
 * same captures with the stock suricata.yaml (bench/eve-compare.sh).
 */
class DetectionEventsPcapTest {
  @TempDir Path dir;

  private static final String NO_RULE =
      "alert tcp any any -> any any (msg:\"none\"; content:\"zzqqzz\"; sid:9; rev:1;)\n";

  /** "pcap_cnt src_port app_proto event tx_id" of each proto_detect anomaly record. */
  private List<String> events(String capture) throws IOException {
    Path sub = Files.createDirectories(dir.resolve(capture.replace('/', '_')));
    Path logs = ZeekRun.run(sub, capture, NO_RULE);
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(logs.resolve("eve.json"))) {
      Map<String, String> r = Json.flatten(l);
      if ("anomaly".equals(r.get("event_type")) && "proto_detect".equals(r.get("anomaly.layer"))) {
        assertEquals("applayer", r.get("anomaly.type"), l);
        out.add(
            String.join(
                " ",
                r.get("pcap_cnt"),
                r.get("src_port"),
                r.get("anomaly.app_proto"),
                r.get("anomaly.event"),
                String.valueOf(r.get("tx_id"))));
      }
    }
    return out;
  }

  @Test
  void anFtpServerBannerNoPatternClaimsIsOnlyOneDirection() throws IOException {
    // the banner "220 ftp.ncsa..." is no FTP pattern ("220 ("): the client's USER decides, on the
    // server's ACK of it
    assertEquals(
        List.of("7 21 ftp APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION null"),
        events("ftp/retr.pcap"));
    assertEquals(
        List.of(
            "8 25 smtp APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION null",
            "69 25 smtp APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION null"),
        events("smtp.pcap"));
  }

  @Test
  void requestsWithoutAMethodPatternAnsweredWithAVersionAreOnlyOneDirection() throws IOException {
    // "OPTIONS\n" has no space after the method: the server's "HTTP/1.0" decides
    List<String> got = events("http/methods.pcap");
    assertEquals(26, got.size(), got.toString());
    assertEquals("27 46564 http APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION null", got.get(0));
    assertEquals("37 46565 http APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION null", got.get(1));
    assertEquals("652 46610 http APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION null", got.get(25));
  }

  @Test
  void twoDirectionsOfDifferentProtocolsAreAMismatchNamedByTheClients() throws IOException {
    assertEquals(
        List.of("7 22 http APPLAYER_MISMATCH_PROTOCOL_BOTH_DIRECTIONS null"),
        events("http/get-to-ssh-server.pcap"));
    assertEquals(
        List.of("10 62561 tls APPLAYER_MISMATCH_PROTOCOL_BOTH_DIRECTIONS null"),
        events("tls/ssl-to-http-server.pcap"));
  }

  @Test
  void aDcerpcServerIsDetectedByItsResponseHeader() throws IOException {
    // both directions DCE/RPC on the zeek DCE/RPC captures: no event
    assertEquals(List.of(), events("dce-rpc/mapi.pcap"));
    // the SOCKS client's bytes are none, the server's bind_ack is DCE/RPC's
    assertEquals(
        List.of("20 53994 dcerpc APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION null"),
        events("socks.pcap"));
  }

  @Test
  void bothDirectionsOfOneProtocolRaiseNothing() throws IOException {
    assertEquals(List.of(), events("http/get.pcap"));
    assertEquals(List.of(), events("ssh/ssh.pcap"));
  }
}
