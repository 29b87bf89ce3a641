package org.vigil.inspect;

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
 * What the worker inspects when, on zeek captures whose Suricata 7.0.10 alerts are known: packet
 * versus stream rules, the raw stream timing, HTTP found from the server's answer, TCP Fast Open.
 */
class FlowInspectorTest {

  @TempDir Path dir;
  private Path lastLogs;

  /**
   * Runs {@code rules} over the zeek capture and gives "sid srcport>dstport" per alert, in order.
   */
  private List<String> alerts(String capture, String rules) throws IOException {
    List<String> got = new ArrayList<>();
    for (String a : alertsAt(capture, rules)) {
      got.add(a.substring(a.indexOf(' ') + 1));
    }
    return got;
  }

  /** As {@link #alerts}, each alert prefixed with its pcap_cnt: "pcap_cnt sid srcport>dstport". */
  private List<String> alertsAt(String capture, String rules) throws IOException {
    Path logs = ZeekRun.run(dir, capture, rules);
    lastLogs = logs;
    List<String> got = new ArrayList<>();
    Pattern p =
        Pattern.compile(
            "\"pcap_cnt\":(\\d+).*\"src_port\":(\\d+).*\"dest_port\":(\\d+).*\"signature_id\":(\\d+)");
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      if (line.contains("\"event_type\":\"alert\"")) {
        Matcher m = p.matcher(line);
        got.add(
            m.find()
                ? m.group(1) + " " + m.group(4) + " " + m.group(2) + ">" + m.group(3)
                : "? " + line);
      }
    }
    return got;
  }

  /** The pcap_cnt of each alert of sid {@code sid} in the last run's eve.json. */
  private List<Integer> pcapCounts(int sid) throws IOException {
    List<Integer> got = new ArrayList<>();
    Pattern p = Pattern.compile("\"pcap_cnt\":(\\d+).*\"signature_id\":" + sid + ",");
    for (String line : Files.readAllLines(lastLogs.resolve("eve.json"))) {
      Matcher m = p.matcher(line);
      if (line.contains("\"event_type\":\"alert\"") && m.find()) {
        got.add(Integer.parseInt(m.group(1)));
      }
    }
    return got;
  }

  @Test
  void aClientClosingFirstHasEachDirectionsRawDataInspectedOnItsNextPacket() throws IOException {
    // community 491 (a stream rule on the server's "530" reply): the client sends the first FIN, so
    // Suricata's session is in CLOSE_WAIT and the server's ACKed data is inspected on the server's
    // FIN (pcap_cnt 19, 39, 60), not on the close's last ACK as before
    String rule =
        "alert tcp $HOME_NET 21 -> $EXTERNAL_NET any (msg:\"PROTOCOL-FTP Bad login\"; flow:to_client,established;"
            + " content:\"530 \"; fast_pattern:only; pcre:\"/^530\\s+(Login|User)/smi\"; classtype:bad-unknown;"
            + " sid:491; rev:15;)\n";
    assertEquals(
        List.of("19 491 21>54017", "39 491 21>54018", "60 491 21>54019"),
        alertsAt("ftp/bruteforce.pcap", rule).subList(0, 3));
  }

  @Test
  void anIpOnlyRuleSeesTheFirstPacketOfEachDirectionOfAFlow() throws IOException {
    // ET 2012141 (ip_proto:41, threshold by_dst): Suricata alerts once, on packet 1 of the 10 6in4
    // packets: the outer IPv4 header has a flow, all its packets go to the server (protocol 41),
    // and the IP-only rule sees only the first packet of each direction
    String et =
        "alert ip $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET POLICY Protocol 41 IPv6 encapsulation"
            + " potential 6in4 IPv6 tunnel active\"; ip_proto:41; threshold:type both,track by_dst, count 1,"
            + " seconds 60; classtype:policy-violation; sid:2012141; rev:2;)\n"
            + "alert ip any any -> any any (msg:\"6in4\"; ip_proto:41; sid:1;)\n";
    alerts("tunnels/ping6-in-ipv4.pcap", et);
    assertEquals(List.of(1), pcapCounts(2012141));
    assertEquals(List.of(1), pcapCounts(1));
    // on TCP: the first client packet of each of the 3 flows; with a negated address the rule is
    // an ordinary packet rule and sees all 33 client packets
    alerts(
        "mysql/caching_sha2_password.pcap",
        """
        alert tcp any any -> any 3306 (msg:"ip-only"; sid:1;)
        alert tcp !10.0.0.0/8 any -> any 3306 (msg:"like ip-only"; sid:2;)
        """);
    assertEquals(List.of(1, 12, 37), pcapCounts(1));
    assertEquals(33, pcapCounts(2).size());
  }

  @Test
  void anIpOnlyPassRulePassesTheWholeFlow() throws IOException {
    // Suricata applies an IP-only pass rule's verdict to the flow: the server's greetings (to the
    // client) are not inspected after the client's SYN matched the pass rule
    String greeting =
        "alert tcp any 3306 -> any any (msg:\"greeting\"; flow:established;"
            + " content:\"caching_sha2_password\"; sid:1;)\n";
    assertEquals(3, alerts("mysql/caching_sha2_password.pcap", greeting).size());
    assertEquals(
        List.of(),
        alerts(
            "mysql/caching_sha2_password.pcap",
            "pass ip any any -> any 3306 (msg:\"trusted\"; sid:9;)\n" + greeting));
  }

  @Test
  void aDepthRuleSeesThePacketAndTheStreamAPlainStreamRuleOnlyTheStream() throws IOException {
    // Suricata: 2102180 (depth) at packets 4 and 8, 2000369 (no depth) at 8 only
    List<String> got =
        alerts(
            "bittorrent/tracker.pcap",
            """
        alert tcp any any -> any any (msg:"depth"; flow:to_server,established; content:"GET /announce"; depth:13; sid:1;)
        alert tcp any any -> any any (msg:"stream"; flow:to_server,established; content:"/announce"; sid:2;)
        """);
    assertEquals(2, got.stream().filter(a -> a.startsWith("1 ")).count(), got.toString());
    assertEquals(1, got.stream().filter(a -> a.startsWith("2 ")).count(), got.toString());
  }

  @Test
  void rawStreamDataIsInspectedWholeOncePerChunkSizeAsSuricata() throws IOException {
    // the client sends runs of 'A's over ~16 KB; Suricata alerts 4 times (packets 13, 16, 18, 21)
    List<String> got =
        alerts(
            "tls/heartbleed.pcap",
            """
        alert ip any any -> any any (msg:"A run"; content:"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"; sid:1;)
        """);
    assertEquals(List.of("1 46592>443", "1 46592>443", "1 46592>443", "1 46592>443"), got);
  }

  @Test
  void aServerAnsweringWithAStatusLineMakesAnUnrecognisedRequestHttp() throws IOException {
    // "DELETE/ HTTP/1.1" and "DELETE/HTTP/1.1" do not start like requests; the server's status line
    // decides
    List<String> got =
        alerts(
            "http/methods.pcap",
            """
        alert tcp any any -> any 80 (msg:"delete"; flow:to_server,established; content:"DELETE"; http_method; sid:1;)
        """);
    assertEquals(
        List.of("1 46592>80", "1 46593>80", "1 46594>80", "1 46595>80", "1 46596>80"), got);
  }

  @Test
  void fastOpenSynDataIsARequestDataOnAPlainSynIsNot() throws IOException {
    String rule =
        """
        alert tcp any any -> any 80 (msg:"passwd"; flow:to_server,established; content:"/etc/passwd"; http_uri; sid:1;)
        """;
    assertEquals(List.of("1 55534>80"), alerts("tcp/tcp-fast-open.pcap", rule));
    assertEquals(List.of(), alerts("tcp/payload-syn.pcap", rule));
  }

  @Test
  void aRuleMixingHttpHeaderAndRawPcreAlertsOnTheRequestsNextPacketAsSuricata() throws IOException {
    // ET 2016918: Suricata 7.0.10 alerts at pcap_cnt 6, the client's FIN after the server ACKed the
    // request (packet 5): the transaction and its raw stream are inspected there together
    String rule =
        """
        alert tcp $EXTERNAL_NET any -> $HTTP_SERVERS $HTTP_PORTS (msg:"ET WEB_SERVER Possible NGINX Overflow CVE-2013-2028 Exploit Specific"; flow:established,to_server; content:"chunked"; http_header; nocase; fast_pattern:only; pcre:"/Transfer-Encoding\\x3a[^\\r\\n]*?chunked/Hi"; pcre:"/^[\\r\\n\\s]*?[^\\r\\n]+HTTP\\/1\\.\\d[^\\r\\n]*?\\r?\\n((?!(\\r?\\n\\r?\\n)).)*?Transfer-Encoding\\x3a[^\\r\\n]*?Chunked((?!(\\r?\\n\\r?\\n)).)*?\\r?\\n\\r?\\n[\\r\\n\\s]*?(f{6}[8-9a-f][0-9a-f]|[a-f0-9]{9})/si"; classtype:attempted-admin; sid:2016918; rev:6;)
        """;
    assertEquals(
        List.of("6 2016918 40001>80"),
        alertsAt("http/261/variant-01-chunk_2pow64_overflow.pcap", rule));
  }

  @Test
  void aRuleMixingAStatusCodeAndRawContentAlertsOnceOnTheResponsesNextPacket() throws IOException {
    // GPL 2101201: Suricata 7.0.10 alerts once, at pcap_cnt 176 (the server's FIN after the client
    // ACKed the 403)
    String rule =
        """
        alert tcp $HTTP_SERVERS $HTTP_PORTS -> $EXTERNAL_NET any (msg:"GPL WEB_SERVER 403 Forbidden"; flow:from_server,established; content:"403"; http_stat_code; content:" 403";  classtype:attempted-recon; sid:2101201; rev:11;)
        """;
    assertEquals(List.of("176 2101201 80>46568"), alertsAt("http/methods.pcap", rule));
  }

  @Test
  void theRawPartOfAMixedRuleReadsOnlyTheStreamOfItsTransactionsDirection() throws IOException {
    // "Forbidden" is in the 403 response, not in any request: a request rule cannot take it from
    // the response stream, a response rule finds it once per 403 response
    String rules =
        """
        alert tcp any any -> any any (msg:"request + response text"; flow:to_server,established; content:"GET"; http_method; content:"Forbidden"; sid:1;)
        alert tcp any any -> any any (msg:"response + text"; flow:to_client,established; content:"403"; http_stat_code; content:"Forbidden"; sid:2;)
        """;
    List<String> got = alerts("http/methods.pcap", rules);
    assertEquals(List.of(), got.stream().filter(a -> a.startsWith("1 ")).toList(), got.toString());
    assertEquals(
        List.of("2 80>46568"),
        got.stream().filter(a -> a.endsWith(">46568")).toList(),
        got.toString());
  }

  @Test
  void onAKeepAliveConnectionAMixedRuleSeesEachRequestsOwnRawDataAndAlertsOncePerTransaction()
      throws IOException {
    // each completed request triggers raw inspection of its own bytes (from the raw progress to the
    // ACKed edge) on the client's next packet: "GET /" with a Host header matches every request as
    // the method rule does, "GET /css/" only the requests for /css/ as the uri rule does
    List<String> got =
        alerts(
            "http/bro.org.pcap",
            """
        alert tcp any any -> any 80 (msg:"mixed"; flow:to_server,established; content:"Host|3a|"; http_header; content:"GET /"; sid:1;)
        alert tcp any any -> any 80 (msg:"method"; flow:to_server,established; content:"GET"; http_method; sid:2;)
        alert tcp any any -> any 80 (msg:"mixed css"; flow:to_server,established; content:"Host|3a|"; http_header; content:"GET /css/"; sid:3;)
        alert tcp any any -> any 80 (msg:"uri css"; flow:to_server,established; content:"/css/"; http_uri; sid:4;)
        """);
    List<String> mixed =
        got.stream().filter(a -> a.startsWith("1 ")).map(a -> a.substring(2)).toList();
    assertEquals(31, mixed.size(), got.toString());
    assertEquals(
        got.stream().filter(a -> a.startsWith("2 ")).map(a -> a.substring(2)).sorted().toList(),
        mixed.stream().sorted().toList());
    List<String> css =
        got.stream().filter(a -> a.startsWith("3 ")).map(a -> a.substring(2)).sorted().toList();
    assertEquals(4, css.size(), got.toString());
    assertEquals(
        got.stream().filter(a -> a.startsWith("4 ")).map(a -> a.substring(2)).sorted().toList(),
        css);
  }
}
