package org.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;
import org.vigil.testing.Json;

/**
 * App-layer parser events as EVE anomaly records (layer proto_parser) and the transactions logged
 * at a flow's end, on runs over zeek captures: how many of each (app_proto, event, tx_id) and which
 * http records, as Suricata 7.0.10 writes them for the same captures with the stock suricata.yaml
 * (bench/eve-compare.sh).
 */
class ParserEventsPcapTest {
  @TempDir Path dir;

  private static final String NO_RULE =
      "alert tcp any any -> any any (msg:\"none\"; content:\"zzqqzz\"; sid:9; rev:1;)\n";

  private List<Map<String, String>> records(String capture) throws IOException {
    Path sub = Files.createDirectories(dir.resolve(capture.replace('/', '_')));
    Path logs = ZeekRun.run(sub, capture, NO_RULE);
    List<Map<String, String>> out = new ArrayList<>();
    for (String l : Files.readAllLines(logs.resolve("eve.json"))) {
      out.add(Json.flatten(l));
    }
    return out;
  }

  /** "app_proto EVENT tx_id" of each proto_parser anomaly record, with how many there are. */
  private Map<String, Integer> events(String capture) throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    for (Map<String, String> r : records(capture)) {
      if ("anomaly".equals(r.get("event_type")) && "proto_parser".equals(r.get("anomaly.layer"))) {
        out.merge(
            r.get("anomaly.app_proto") + " " + r.get("anomaly.event") + " " + r.get("tx_id"),
            1,
            Integer::sum);
      }
    }
    return out;
  }

  @Test
  void smtpRepliesBeforeTheGreetingRejectedDataAndRepeatedCommands() throws IOException {
    // the client's EHLO comes first: the greeting answers it and the EHLO reply's nine lines
    // answer nothing; the second mail's DATA is refused three times, sent again three times, and
    // its MAIL FROM twice
    assertEquals(
        Map.of(
            "smtp NO_SERVER_WELCOME_MESSAGE 0", 1,
            "smtp INVALID_REPLY 0", 9,
            "smtp DATA_COMMAND_REJECTED 1", 3,
            "smtp UNPARSABLE_CONTENT 1", 3,
            "smtp DUPLICATE_FIELDS 1", 1),
        events("smtp-mail-transactions-invalid.pcap"));
  }

  @Test
  void smtpBdatChunksNotEndingAtALineEndOverrun() throws IOException {
    assertEquals(
        Map.of("smtp BDAT_CHUNK_LEN_EXCEEDED 0", 1), events("smtp/rfc3030-bdat-0-last.pcap"));
  }

  @Test
  void httpHostChecksAreRecordedAtTheHeadersAndAtTheRequestsEnd() throws IOException {
    // three CONNECTs to "/" with a Host header: the URI's host is invalid (three records each)
    // and differs from the header's (two each)
    assertEquals(
        Map.of("http REQUEST_URI_HOST_INVALID 0", 9, "http HOST_HEADER_AMBIGUOUS 0", 6),
        events("http/methods.pcap"));
    assertEquals(Map.of("http MISSING_HOST_HEADER 0", 2), events("http/http-single-conn-22.pcap"));
  }

  @Test
  void requestsNoResponseAnsweredAreLoggedAtTheFlowsEnd() throws IOException {
    List<String> http = new ArrayList<>();
    for (Map<String, String> r : records("http/261/variant-04-te_cl_desync.pcap")) {
      if ("http".equals(r.get("event_type"))) {
        http.add(r.get("tx_id") + " " + r.get("http.http_method") + " " + r.get("http.url"));
      }
    }
    assertEquals(List.of("0 POST /", "1 GET /smuggled-te-cl"), http);
  }

  @Test
  void aSecondBdatChunkIsCountedOnFromTheFirst() throws IOException {
    // Suricata's chunk index is not reset by a new BDAT: the second mail's chunk overruns after
    // 8757 - 4404 bytes; the parsing ends and the transaction (one for both mails) is logged
    List<Map<String, String>> records = records("smtp/smtp-bdat-pipeline-8bitmime.pcap");
    assertEquals(
        Map.of("smtp DUPLICATE_FIELDS 0", 1, "smtp BDAT_CHUNK_LEN_EXCEEDED 0", 1),
        events("smtp/smtp-bdat-pipeline-8bitmime.pcap"));
    List<String> smtp = new ArrayList<>();
    for (Map<String, String> r : records) {
      if ("smtp".equals(r.get("event_type"))) {
        smtp.add(r.get("pcap_cnt") + " " + r.get("smtp.mail_from"));
      }
    }
    assertEquals(List.of("21 <linux-kernel-owner@vger.kernel.org>"), smtp);
  }

  @Test
  void aBdatWithoutItsSizeEndsTheParsing() throws IOException {
    // three connections: BDAT alone fails Suricata's parser (no reply is read after it); "BDAT
    // 1234 SCRAMBLE" and "BDAT x" (?) are read on, their 521 replies invalid
    assertEquals(Map.of("smtp INVALID_REPLY 0", 2), events("smtp/smtp-bdat-cmd-invalid.pcapng"));
  }

  @Test
  void aQuitAfterAFinishedMailOpensATransaction() throws IOException {
    // Suricata 7 frees the mail's transaction once logged and inspected; the QUIT of a later packet
    // then finds none current and opens one (helo only), logged when the connection ended: both
    // directions' ends delivered at 59 (Suricata: 58, its session counted closed at the ACK of the
    // server's FIN while the client's FIN was not yet ACKed)
    assertEquals(
        List.of(
            "0 51 GP <gurpartap@patriots.in>",
            "1 59 GP null",
            "0 88 [192.168.133.100] <albert@example.com>"),
        smtpRecords("smtp.pcap"));
  }

  /** The smtp records of a capture: tx_id, pcap_cnt, helo, mail_from. */
  private List<String> smtpRecords(String capture) throws IOException {
    List<String> smtp = new ArrayList<>();
    for (Map<String, String> r : records(capture)) {
      if ("smtp".equals(r.get("event_type"))) {
        smtp.add(
            String.join(
                " ",
                r.get("tx_id"),
                r.get("pcap_cnt"),
                r.get("smtp.helo"),
                String.valueOf(r.get("smtp.mail_from"))));
      }
    }
    return smtp;
  }

  @Test
  void smtpInsideAConnectTunnelIsParsed() throws IOException {
    // the client speaks first through the tunnel; the server's greeting, sent before it, is read
    // with the server's next data (the HELO's reply is then a reply to nothing). The QUIT after
    // the mail opens a transaction of its own (the mail's was freed): logged once both directions
    // ended (packet 30), as Suricata does
    assertEquals(
        List.of("0 23 208.191.73.21 <nhfjenna_neumann@lycos.com>", "1 30 208.191.73.21 null"),
        smtpRecords("http/connect-with-smtp.pcap"));
    assertEquals(
        Map.of(
            "http REQUEST_FIELD_MISSING_COLON 0", 1,
            "smtp NO_SERVER_WELCOME_MESSAGE 0", 1,
            "smtp INVALID_REPLY 0", 1),
        events("http/connect-with-smtp.pcap"));
  }
}
