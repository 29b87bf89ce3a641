package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;

/**
 * When HTTP transactions are inspected, on zeek's http-body-match capture: two POSTs with "Expect:
 * 100-continue" and a chunked body (request headers at packets 42 and 32, the server's 100
 * Continue, the body, then the response). Suricata 7.0.10 inspects a request's headers on the first
 * client packet after they were parsed (61 and 63), the complete request on the first client packet
 * after it completed (130 and 132), and a rule whose fast pattern is in http_header, matched on the
 * headers, once more after the chunked body's trailer section (community sid 1807 alerts twice per
 * flow).
 */
class HttpLayerTest {
  static final String CAPTURE = "http/http-body-match.pcap";

  @TempDir Path dir;

  /**
   * Runs {@code rules} over the zeek capture and gives "sid srcport@pcap_cnt" per alert, in order.
   */
  private List<String> alerts(String rules) throws IOException {
    Path logs = ZeekRun.run(dir, CAPTURE, rules);
    List<String> got = new ArrayList<>();
    Pattern cnt = Pattern.compile("\"pcap_cnt\":(\\d+)");
    Pattern p = Pattern.compile("\"src_port\":(\\d+).*\"signature_id\":(\\d+)");
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      if (line.contains("\"event_type\":\"alert\"")) {
        Matcher c = cnt.matcher(line);
        Matcher m = p.matcher(line);
        got.add(m.find() && c.find() ? m.group(2) + " " + m.group(1) + "@" + c.group(1) : line);
      }
    }
    return got;
  }

  @Test
  void community1807AlertsOnTheHeadersAndAgainAfterTheChunkedBodysTrailerAsSuricata()
      throws IOException {
    // Suricata 7.0.10: pcap_cnt 61 and 130 on :34527, 63 and 132 on :34528 (the request completes
    // on the server's ACKs 112 and 114; the next client packets inspect it)
    List<String> got =
        alerts(
            """
        alert tcp any any -> any any (msg:"POLICY-OTHER Chunked-Encoding transfer attempt"; \
        flow:to_server,established; content:"Transfer-Encoding|3A|"; nocase; http_header; \
        content:"chunked"; fast_pattern:only; http_header; sid:1807; rev:21;)
        """);
    assertEquals(
        List.of("1807 34527@61", "1807 34528@63", "1807 34527@130", "1807 34528@132"), got);
  }

  @Test
  void aRuleWhoseFastPatternIsNotInTheHeadersAlertsOncePerTransaction() throws IOException {
    // the http_uri prefilter has no trailer stage: Suricata finds the rule once (without the
    // fast_pattern, the longer "chunked" would be the fast pattern, as in Suricata, and alert
    // twice)
    List<String> got =
        alerts(
            """
        alert tcp any any -> any any (msg:"uri"; flow:to_server,established; content:"/abcd"; fast_pattern; http_uri; \
        content:"chunked"; http_header; sid:1;)
        """);
    assertEquals(List.of("1 34527@61", "1 34528@63"), got);
  }

  @Test
  void aRuleReadingTheClientBodyWaitsForTheCompleteRequest() throws IOException {
    List<String> got =
        alerts(
            """
        alert tcp any any -> any any (msg:"body"; flow:to_server,established; content:"chunked"; http_header; \
        content:!"nothing"; http_client_body; sid:2;)
        """);
    assertEquals(List.of("2 34527@130", "2 34528@132"), got);
  }

  @Test
  void aRuleMatchedOnTheHeadersIsNotEvaluatedAgainWhenTheRequestCompletes() throws IOException {
    // rule 4 unsets b on the headers (61, 63); the body packets set b again; rule 4, whose fast
    // pattern is in http_uri, is not evaluated again at completion (Suricata's uri prefilter has
    // passed that stage), so b is still set there for rule 5
    List<String> got =
        alerts(
            """
        alert tcp any 34527:34528 -> any any (msg:"unset"; flow:to_server,established; content:"/abcd"; http_uri; \
        flowbits:unset,b; flowbits:noalert; sid:4;)
        alert tcp any 34527:34528 -> any any (msg:"set"; flow:to_server,established; dsize:>10; flowbits:set,b; \
        flowbits:noalert; sid:6;)
        alert tcp any 34527:34528 -> any any (msg:"body"; flow:to_server,established; flowbits:isset,b; \
        content:"POST"; http_method; content:!"nothing"; http_client_body; sid:5;)
        """);
    assertEquals(List.of("5 34527@130", "5 34528@132"), got);
  }

  @Test
  void aChunkedResponsesHeadersAreInspectedBeforeItsBodyAndAgainAfterItsTrailer()
      throws IOException {
    // response headers at 129 and 131, parsed on the client's ACKs (130, 132); the next server
    // packets (147, 149) see them; the chunked body ends with its trailer (parsed on the client's
    // ACKs 174 and 176), seen by the server's next packets, its FINs (185, 188)
    List<String> got =
        alerts(
            """
        alert tcp any any -> any 34527:34528 (msg:"keep-alive"; flow:to_client,established; content:"Keep-Alive"; \
        http_header; sid:3;)
        """);
    assertEquals(List.of("3 80@147", "3 80@149", "3 80@185", "3 80@188"), got);
  }

  /**
   * Runs {@code rules} over zeek capture {@code capture}: "sid srcport@pcap_cnt" per alert, in
   * order, with "-" for no pcap_cnt (a pseudo packet) followed by the alert's time.
   */
  private List<String> alertsOn(String capture, String rules) throws IOException {
    Path logs = ZeekRun.run(dir, capture, rules);
    List<String> got = new ArrayList<>();
    Pattern cnt = Pattern.compile("\"pcap_cnt\":(\\d+)");
    Pattern ts = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    Pattern p = Pattern.compile("\"src_port\":(\\d+).*\"signature_id\":(\\d+)");
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      if (line.contains("\"event_type\":\"alert\"")) {
        Matcher c = cnt.matcher(line);
        Matcher t = ts.matcher(line);
        Matcher m = p.matcher(line);
        if (m.find()) {
          got.add(
              m.group(2)
                  + " "
                  + m.group(1)
                  + "@"
                  + (c.find() ? c.group(1) : "-" + (t.find() ? t.group(1) : "")));
        }
      }
    }
    return got;
  }

  @Test
  void aRefusedConnectIsRawInspectedOnlyOnceLibhtpFinalizesIt() throws IOException {
    // Suricata 7.0.10 on http/methods.pcap: "CONNECT / HTTP/1." (:46582, answered 400 at 372) is
    // inspected raw on the client's FIN (373), not on its ACK of the answer (372): libhtp waits in
    // REQ_CONNECT_WAIT_RESPONSE and the request-complete hook (raw trigger) never runs; "CONNECT
    // /HTTP/1.1" followed by a Host line (:46583) has its headers parsed (more than 16 bytes follow
    // the protocol-less line) and so waits as well: inspected at flow end, the server closing first
    List<String> got =
        alertsOn(
            "http/methods.pcap",
            """
        alert tcp any any -> any any (msg:"SERVER-WEBAPP websitepro path access"; flow:to_server,established; \
        content:" /HTTP/1."; fast_pattern:only; sid:811; rev:18;)
        alert tcp $EXTERNAL_NET any -> $HOME_NET $HTTP_PORTS (msg:"SERVER-WEBAPP Invalid HTTP Version String"; \
        flow:to_server,established; content:"HTTP/"; depth:300; nocase; content:!"|0D 0A|"; within:2; distance:3; \
        content:!"1.0"; within:3; content:!"1.1"; within:3; sid:2570; rev:17;)
        """);
    List<String> connect =
        got.stream()
            .filter(a -> a.contains(" 46582@") || a.contains(" 46583@"))
            .map(a -> a.replaceAll("@-.*", "@-"))
            .toList();
    // (369 is the request packet itself: depth:300 makes 2570 a packet rule too)
    assertEquals(List.of("2570 46582@369", "2570 46582@373", "811 46583@-"), connect);
    // a protocol-less GET followed by its Host line (:46568) is complete on the server's ACK (173):
    // inspected raw on the next client packet
    assertEquals(1, got.stream().filter(a -> a.equals("811 46568@175")).count());
  }

  @Test
  void aResponseBodyIsInspectedOnceTheMinimalSizeIsBufferedThenPerWindow() throws IOException {
    // Suricata 7.0.10 (randomize-inspection-sizes off) on http/206_example_b.pcap, an 800 KB 206
    // response: the body's first bytes (ET 2014819, "MZ" at offset 0) once 40 KiB are buffered
    // (55), then each later pass the new bytes with the window before them: body offsets 50000,
    // 70000 and 90000 at 61, 102 and 111; nothing past the 100 KiB response-body-limit
    List<String> got =
        alertsOn(
            "http/206_example_b.pcap",
            """
        alert tcp any any -> any any (msg:"ET INFO Packed Executable Download"; flow:established,to_client; \
        file_data; content:"MZ"; within:2; isdataat:100,relative; content:"This program "; distance:0; \
        content:"PE|00 00|"; distance:0; content:!"data"; within:400; content:!"text"; within:400; \
        content:!"rsrc"; within:400; sid:2014819; rev:1;)
        alert tcp any any -> any any (msg:"body 50000"; flow:established,to_client; file_data; content:"|e6 d7 dc 20 6e ff af c8 be 39 dd ac|"; sid:9100001; rev:1;)
        alert tcp any any -> any any (msg:"body 70000"; flow:established,to_client; file_data; content:"|13 79 cc 4c 4a f9 4b 98 8a d7 6c 4a|"; sid:9100002; rev:1;)
        alert tcp any any -> any any (msg:"body 90000"; flow:established,to_client; file_data; content:"|7a 60 52 7a 15 d2 02 cd 44 58 bc 9a|"; sid:9100003; rev:1;)
        alert tcp any any -> any any (msg:"body 200000"; flow:established,to_client; file_data; content:"|6c 69 43 f1 e7 4b 0c 18 4c e4 03 49|"; sid:9100004; rev:1;)
        """);
    assertEquals(
        List.of("2014819 80@55", "9100001 80@61", "9100002 80@102", "9100003 80@111"), got);
  }

  @Test
  void aConnectTunnelFlushesTheRawDataOnPseudoPacketsUntilItsProtocolIsDetected()
      throws IOException {
    // Suricata 7.0.10 on http/connect-with-smtp.pcap: CONNECT answered 200 (parsed on 7) changes
    // the
    // flow's protocol; until SMTP is detected on the client's HELO (ACKed at 12) each packet
    // flushes:
    // the tunnelled banner "220 " (8) is inspected on the to-client pseudo packet made by the
    // client's ACK of it (10), no pcap_cnt, 10's time
    List<String> got =
        alertsOn(
            "http/connect-with-smtp.pcap",
            """
        alert tcp any any -> any any (msg:"ET MALWARE Suspicious FTP 220 Banner on Local Port (spaced)"; \
        flow:from_server,established,only_stream; content:"220 "; depth:4; content:!"SMTP"; within:20; \
        flowbits:isnotset,ET.pdf.in.http; sid:2011124; rev:19;)
        """);
    assertEquals(List.of("2011124 8240@-2004-03-02T12:57:35.619048+0000"), got);
  }
}
