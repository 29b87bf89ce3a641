package org.vigil.app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;

/**
 * TLS flows of the corpus as Suricata 7.0.10 inspects them, every expected packet list measured
 * with Suricata on the same rules: each complete record has its direction's ACKed raw data
 * inspected on that direction's next packet; the first ApplicationData record stops payload
 * inspection (the packet that parsed it is still inspected with its direction's ACKed raw data,
 * then only header rules match); FTP's AUTH TLS answered by 234 turns the flow into TLS.
 */
class TlsLayerTest {
  @TempDir Path dir;

  /** Per sid, the pcap_cnt of its alerts in order ("-" for none). */
  private static Map<Long, List<String>> alerts(Path logs) throws IOException {
    Pattern sid = Pattern.compile("\"signature_id\":(\\d+)");
    Pattern cnt = Pattern.compile("\"pcap_cnt\":(\\d+)");
    Map<Long, List<String>> got = new TreeMap<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      if (line.contains("\"event_type\":\"alert\"")) {
        Matcher s = sid.matcher(line);
        Matcher c = cnt.matcher(line);
        s.find();
        got.computeIfAbsent(Long.parseLong(s.group(1)), k -> new ArrayList<>())
            .add(c.find() ? c.group(1) : "-");
      }
    }
    return got;
  }

  @Test
  void ftpAuthTlsUpgradesAndTheFirstApplicationDataStopsPayloadInspection() throws IOException {
    String rules =
        """
        alert tcp any any -> any any (msg:"tc 16 03"; flow:to_client; content:"|16 03|"; sid:1;)
        alert tcp any any -> any any (msg:"tc pcre 16 03"; flow:to_client; pcre:"/\\x16\\x03/"; sid:2;)
        alert tcp any any -> any any (msg:"tc pcre 17 03"; flow:to_client; pcre:"/\\x17\\x03/"; sid:7;)
        alert tcp any any -> any any (msg:"ts 16 03"; flow:to_server; content:"|16 03|"; sid:3;)
        alert tcp any any -> any any (msg:"ts 17 03"; flow:to_server; content:"|17 03|"; sid:6;)
        alert tcp any any -> any any (msg:"ts PA"; flow:to_server; flags:PA; sid:9;)
        alert tcp any any -> any any (msg:"ts dsize"; flow:to_server; dsize:>0; sid:10;)
        alert tcp any any -> any any (msg:"tc dsize"; flow:to_client; dsize:>0; sid:11;)
        alert tcp $EXTERNAL_NET any -> $HOME_NET 21 (msg:"PROTOCOL-FTP wu-ftp bad file completion attempt"; flow:to_server,established; content:"~"; content:"["; distance:0; metadata:ruleset community, service ftp; reference:bugtraq,3581; reference:bugtraq,3707; reference:cve,2001-0550; reference:cve,2001-0886; reference:nessus,10821; classtype:misc-attack; sid:1377; rev:23;)
        """;
    Map<Long, List<String>> got = alerts(ZeekRun.run(dir, "ftp/ftp-auth-tls.pcap", rules));
    // packet 24 ACKs the server's flight whose last record is ApplicationData: the client's
    // ClientHello (ACKed, below the chunk size) is inspected on it at once, then nothing raw
    assertEquals(List.of("24"), got.get(3L));
    assertEquals(List.of("24"), got.get(1377L));
    // the server's flight, ACKed then, is inspected raw once on the server's next packet (25),
    // which
    // carries no-payload inspection: only by the rules without a payload fast pattern
    assertEquals(null, got.get(1L));
    assertEquals(List.of("25"), got.get(2L));
    assertEquals(List.of("25"), got.get(7L));
    // later client records are never inspected raw
    assertEquals(null, got.get(6L));
    // packet payloads: the client's until packet 24 included, the server's until its packet 23
    assertEquals(List.of("6", "20", "22", "24"), got.get(10L));
    assertEquals(
        List.of("4", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "19", "21", "23"),
        got.get(11L));
    // header rules go on
    assertEquals(
        List.of(
            "6", "20", "22", "24", "26", "32", "34", "36", "38", "40", "42", "44", "49", "52", "55",
            "58", "60", "65", "68", "70", "72", "74", "79", "82"),
        got.get(9L));
  }

  @Test
  void theUpgradeFlushesTheAckedRawDataOfBothDirectionsOnPseudoPackets() throws IOException {
    String rules =
        """
        alert tcp any any -> any any (msg:"auth tls"; flow:to_server; content:"AUTH TLS"; sid:21;)
        alert tcp any any -> any any (msg:"234"; flow:to_client; content:"234 "; sid:22;)
        alert tcp any any -> any any (msg:"211 End"; flow:to_client; content:"211 End"; sid:23;)
        alert tcp any any -> any any (msg:"feat"; flow:to_server; content:"FEAT"; sid:24;)
        """;
    Map<Long, List<String>> got = alerts(ZeekRun.run(dir, "ftp/ftp-auth-tls.pcap", rules));
    // packet 22 (the ClientHello) ACKs the 234 reply: the commands and replies waiting below the
    // chunk size are inspected on the flush pseudo packets, without a pcap_cnt
    for (long sid : new long[] {21, 22, 23, 24}) {
      assertEquals(List.of("-"), got.get(sid), "sid " + sid);
    }
  }

  @Test
  void eachCompleteRecordTriggersRawInspectionOfItsDirection() throws IOException {
    String rules =
        """
        alert tcp $HOME_NET [21,25,443,465,636,992,993,995,2484] -> $EXTERNAL_NET any (msg:"SERVER-OTHER OpenSSL TLSv1 large heartbeat response - possible ssl heartbleed attempt"; flow:to_client,established; content:"|18 03 01|"; depth:3; byte_test:2,>,128,0,relative; metadata:policy balanced-ips drop, policy security-ips drop, ruleset community, service ssl; reference:cve,2014-0160; classtype:attempted-recon; sid:30515; rev:8;)
        alert tcp $HOME_NET [21,25,443,465,636,992,993,995,2484] -> $EXTERNAL_NET any (msg:"SERVER-OTHER OpenSSL TLSv1 large heartbeat response - possible ssl heartbleed attempt"; flow:to_client,established; content:"|16 03 01|"; byte_jump:2,0,relative; content:"|18 03 01|"; within:3; fast_pattern; byte_test:2,>,128,0,relative; metadata:policy balanced-ips drop, policy security-ips drop, ruleset community, service ssl; reference:cve,2014-0160; classtype:attempted-recon; sid:30779; rev:3;)
        """;
    Map<Long, List<String>> got =
        alerts(ZeekRun.run(dir, "tls/heartbleed-encrypted-success.pcap", rules));
    // the server's handshake flight ends with a record completed on packet 13's ACK: its raw data
    // is inspected on the next server packet (15), so the chunk of packet 18 starts at the
    // heartbeat
    assertEquals(List.of("15", "18"), got.get(30515L));
    assertEquals(null, got.get(30779L));
  }

  private static final String GENERIC =
      """
      alert tcp any any -> any any (msg:"tc 16 03"; flow:to_client; content:"|16 03|"; sid:1;)
      alert tcp any any -> any any (msg:"tc pcre 16 03"; flow:to_client; pcre:"/\\x16\\x03/"; sid:2;)
      alert tcp any any -> any any (msg:"ts 16 03"; flow:to_server; content:"|16 03|"; sid:3;)
      alert tcp any any -> any any (msg:"ts pcre 17 03"; flow:to_server; pcre:"/\\x17\\x03/"; sid:8;)
      alert tcp any any -> any any (msg:"ts dsize"; flow:to_server; dsize:>0; sid:10;)
      alert tcp any any -> any any (msg:"tc dsize"; flow:to_client; dsize:>0; sid:11;)
      """;

  @Test
  void thePendingDirectionsNextPacketWithDataIsInspectedOnceByRulesWithoutFastPattern()
      throws IOException {
    Map<Long, List<String>> got = alerts(ZeekRun.run(dir, "tls/tls1.2.pcap", GENERIC));
    // the client's packet 15 flushes its stream after the cutoff of packet 14: its dsize and the
    // pcre over its raw data match there, then neither payload nor raw data is inspected
    assertEquals(List.of("4", "10", "13", "15"), got.get(10L));
    assertEquals(List.of("15"), got.get(8L));
    assertEquals(List.of("8", "11", "14"), got.get(1L));
    assertEquals(List.of("7", "12"), got.get(3L));
  }

  @Test
  void sslV2CompatibleClientHellosStartTlsFlowsOnPort443() throws IOException {
    Map<Long, List<String>> got = alerts(ZeekRun.run(dir, "tls/ssl.v3.pcap", GENERIC));
    assertEquals(List.of("4", "9", "13", "27", "35", "39", "229", "236", "240"), got.get(10L));
    assertEquals(
        List.of("6", "7", "11", "14", "32", "33", "37", "40", "233", "234", "238"), got.get(11L));
    assertEquals(List.of("10", "14", "36", "40", "237", "241"), got.get(1L));
    assertEquals(List.of("16", "42", "243"), got.get(8L));
  }

  @Test
  void theCutoffPacketsOwnDirectionStaysPendingWhenItHadNoStreamData() throws IOException {
    Map<Long, List<String>> got = alerts(ZeekRun.run(dir, "tls/chrome-34-google.pcap", GENERIC));
    // packet 16, a client ACK with nothing of the client's to inspect, parses the server's first
    // ApplicationData: the client's stream stays pending until its packet 18 carries data
    assertEquals(List.of("4", "11", "18"), got.get(10L));
    assertEquals(List.of("6", "7", "8", "12", "13", "14"), got.get(11L));
  }
}
