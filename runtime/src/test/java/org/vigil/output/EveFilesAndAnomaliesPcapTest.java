package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * The fileinfo, anomaly and http records of runs over zeek captures, field by field against what
 * Suricata 7.0.10 writes for the same captures (its eve.json with the stock suricata.yaml).
 */
class EveFilesAndAnomaliesPcapTest {
  @TempDir Path dir;

  private static final String NO_RULE =
      "alert tcp any any -> any any (msg:\"none\"; content:\"zzqqzz\"; sid:9; rev:1;)\n";

  private static List<Map<String, String>> records(Path logs, String type) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    for (String l : Files.readAllLines(logs.resolve("eve.json"))) {
      Map<String, String> r = Json.flatten(l);
      if (type.equals(r.get("event_type"))) {
        out.add(r);
      }
    }
    return out;
  }

  private static String file(Map<String, String> f) {
    return String.join(
        " ",
        f.get("src_port"),
        f.get("app_proto"),
        f.get("http.url"),
        f.get("fileinfo.filename"),
        f.get("fileinfo.state"),
        f.get("fileinfo.gaps"),
        f.get("fileinfo.stored"),
        f.get("fileinfo.size"),
        f.get("fileinfo.tx_id"));
  }

  @Test
  void aPostsBodyAndItsResponseAreTwoFiles() throws IOException {
    Path logs = ZeekRun.run(dir, "http/post.pcap", NO_RULE);
    List<String> got = records(logs, "fileinfo").stream().map(f -> file(f)).toList();
    // Suricata 7.0.10: the request body from the client, then the response from the server
    assertEquals(
        List.of(
            "53595 http /post /post CLOSED false false 11 0",
            "80 http /post /post CLOSED false false 366 0"),
        got);
  }

  @Test
  void aResponseFileStopsAtTheBodyLimitAndIsTruncatedThere() throws IOException {
    List<String> got = new ArrayList<>();
    for (Map<String, String> f :
        records(ZeekRun.run(dir, "http/no_crlf.pcap", NO_RULE), "fileinfo")) {
      got.add(
          String.join(
              " ",
              f.get("src_port"),
              f.get("fileinfo.state"),
              f.get("fileinfo.gaps"),
              f.get("fileinfo.size"),
              f.get("fileinfo.tx_id"),
              f.get("fileinfo.md5")));
    }
    // Suricata 7.0.10 (response-body-limit 100 KiB): each response file takes its body's first
    // 102400 bytes, then the next body bytes close it TRUNCATED, with no digest
    assertEquals(
        List.of(
            "80 TRUNCATED false 102400 0 null",
            "80 TRUNCATED false 102400 1 null",
            "80 TRUNCATED false 102400 2 null"),
        got);
    Map<String, String> ranged =
        records(ZeekRun.run(dir, "http/206_example_b.pcap", NO_RULE), "fileinfo").getLast();
    // the same for a 206 response's range (the second connection's)
    assertEquals("bytes 816896-1022919/1022920", ranged.get("http.content_range.raw"));
    assertEquals(
        "TRUNCATED false 102400",
        String.join(
            " ",
            ranged.get("fileinfo.state"),
            ranged.get("fileinfo.gaps"),
            ranged.get("fileinfo.size")));
  }

  @Test
  void aResponseWithoutItsRequestIsAnAppLayerAnomalyOfItsTransaction() throws IOException {
    Path logs = ZeekRun.run(dir, "http/http-desync-request-response-5.pcap", NO_RULE);
    List<Map<String, String>> anomalies = records(logs, "anomaly");
    assertFalse(anomalies.isEmpty());
    for (Map<String, String> a : anomalies) {
      // as Suricata 7.0.10 writes it: on packet 17, from the client
      assertEquals("17", a.get("pcap_cnt"));
      assertEquals("50170", a.get("src_port"));
      assertEquals("wire/pcap", a.get("pkt_src"));
      assertEquals("http", a.get("anomaly.app_proto"));
      assertEquals("applayer", a.get("anomaly.type"));
      assertEquals("UNABLE_TO_MATCH_RESPONSE_TO_REQUEST", a.get("anomaly.event"));
      assertEquals("proto_parser", a.get("anomaly.layer"));
    }
    assertEquals("2", anomalies.get(anomalies.size() - 1).get("tx_id"));
  }

  @Test
  void anNtlmAuthorizationIsAnUnrecognizedAuthAnomalyOfItsTransaction() throws IOException {
    Path logs = ZeekRun.run(dir, "erspan.pcap", NO_RULE);
    List<String> got = new ArrayList<>();
    for (Map<String, String> a : records(logs, "anomaly")) {
      if ("REQUEST_AUTH_UNRECOGNIZED".equals(a.get("anomaly.event"))) {
        got.add(a.get("anomaly.app_proto") + " " + a.get("anomaly.layer") + " " + a.get("tx_id"));
      }
    }
    // Suricata 7.0.10: the five requests with "Authorization: NTLM ..." (transactions 0, 1, 0, 0, 0
    // of their connections)
    assertEquals(5, got.size(), got.toString());
    assertEquals(4, got.stream().filter("http proto_parser 0"::equals).count(), got.toString());
    assertEquals(1, got.stream().filter("http proto_parser 1"::equals).count(), got.toString());
  }

  @Test
  void httpRecordsCarryThePortTheRequestNamesAndTheRedirect() throws IOException {
    Map<String, String> tracker =
        records(ZeekRun.run(dir, "bittorrent/tracker.pcap", NO_RULE), "http").get(0);
    assertEquals("torrent.ubuntu.com", tracker.get("http.hostname"));
    assertEquals("6969", tracker.get("http.http_port"));
    List<String> redirects = new ArrayList<>();
    for (Map<String, String> h :
        records(ZeekRun.run(dir, "http/http-11-request-then-cruft.pcap", NO_RULE), "http")) {
      redirects.add(h.get("http.status") + " " + h.get("http.redirect"));
    }
    // Suricata 7.0.10: the two answered requests, then the three the cruft's lines started that no
    // response answered, logged when the flow ends
    assertEquals(
        List.of("301 https://zeek.org/", "400 null", "null null", "null null", "null null"),
        redirects);
  }

  @Test
  void alertsOnATransactionListItsFilesOfTheirDirection() throws IOException {
    Path logs =
        ZeekRun.run(
            dir,
            "http/post.pcap",
            "alert http any any -> any any (msg:\"post\"; http.method; content:\"POST\";"
                + " sid:1; rev:1;)\n");
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (Map<String, Object> r : Json.readLines(logs.resolve("eve.json"))) {
      if ("alert".equals(r.get("event_type"))) {
        alerts.add(r);
      }
    }
    assertEquals(1, alerts.size(), alerts.toString());
    Map<String, Object> a = alerts.get(0);
    assertEquals("wire/pcap", a.get("pkt_src"));
    // the request's file only: the alert is on a packet to the server, as Suricata 7.0.10's
    List<?> files = (List<?>) a.get("files");
    assertEquals(1, files.size(), a.toString());
    Map<?, ?> f = (Map<?, ?>) files.get(0);
    assertEquals("/post", f.get("filename"));
    assertEquals(11L, ((Number) f.get("size")).longValue());
    assertEquals(0L, ((Number) f.get("tx_id")).longValue());
  }
}
