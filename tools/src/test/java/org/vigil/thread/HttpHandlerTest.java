package org.vigil.thread;

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

/**
 * When HTTP transactions are inspected, on zeek's http-body-match capture: two POSTs with
 * "Expect: 100-continue" and a chunked body (request headers at packets 42 and 32, the server's
 * 100 Continue, the body, then the response). Suricata 7.0.10 inspects a request's headers on the
 * first client packet after they were parsed (61 and 63), the complete request on the first client
 * packet after it completed (130 and 132), and a rule whose fast pattern is in http_header, matched
 * on the headers, once more after the chunked body's trailer section (community sid 1807 alerts
 * twice per flow).
 */
class HttpHandlerTest {
  static final String CAPTURE = "http/http-body-match.pcap";

  @TempDir Path dir;

  /** Runs {@code rules} over the zeek capture and gives "sid srcport@pcap_cnt" per alert, in order. */
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
  void community1807AlertsOnTheHeadersAndAgainAfterTheChunkedBodysTrailerAsSuricata() throws IOException {
    // Suricata 7.0.10: pcap_cnt 61 and 130 on :34527, 63 and 132 on :34528 (the request completes
    // on the server's ACKs 112 and 114; the next client packets inspect it)
    List<String> got = alerts("""
        alert tcp any any -> any any (msg:"POLICY-OTHER Chunked-Encoding transfer attempt"; \
        flow:to_server,established; content:"Transfer-Encoding|3A|"; nocase; http_header; \
        content:"chunked"; fast_pattern:only; http_header; sid:1807; rev:21;)
        """);
    assertEquals(List.of("1807 34527@61", "1807 34528@63", "1807 34527@130", "1807 34528@132"), got);
  }

  @Test
  void aRuleWhoseFastPatternIsNotInTheHeadersAlertsOncePerTransaction() throws IOException {
    // the http_uri prefilter has no trailer stage: Suricata finds the rule once (without the
    // fast_pattern, the longer "chunked" would be the fast pattern, as in Suricata, and alert twice)
    List<String> got = alerts("""
        alert tcp any any -> any any (msg:"uri"; flow:to_server,established; content:"/abcd"; fast_pattern; http_uri; \
        content:"chunked"; http_header; sid:1;)
        """);
    assertEquals(List.of("1 34527@61", "1 34528@63"), got);
  }

  @Test
  void aRuleReadingTheClientBodyWaitsForTheCompleteRequest() throws IOException {
    List<String> got = alerts("""
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
    List<String> got = alerts("""
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
  void aChunkedResponsesHeadersAreInspectedBeforeItsBodyAndAgainAfterItsTrailer() throws IOException {
    // response headers at 129 and 131, parsed on the client's ACKs (130, 132); the next server
    // packets (147, 149) see them; the chunked body ends with its trailer (parsed on the client's
    // ACKs 174 and 176), seen by the server's next packets, its FINs (185, 188)
    List<String> got = alerts("""
        alert tcp any any -> any 34527:34528 (msg:"keep-alive"; flow:to_client,established; content:"Keep-Alive"; \
        http_header; sid:3;)
        """);
    assertEquals(List.of("3 80@147", "3 80@149", "3 80@185", "3 80@188"), got);
  }
}
