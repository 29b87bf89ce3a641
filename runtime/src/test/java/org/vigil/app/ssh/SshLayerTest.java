package org.vigil.app.ssh;

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
 * SSH flows of the corpus as Suricata 7.0.10 inspects them (its alerts, pcap_cnt and times measured
 * with the same rules): once both sides sent NEWKEYS, the ACKed raw data not yet inspected is
 * inspected on flush pseudo packets (no pcap_cnt, the time of the packet that ACKed the second
 * NEWKEYS), then no payload of the flow is, while header rules go on matching.
 */
class SshLayerTest {
  private static final String RULES =
      """
      alert tcp any any -> any 22 (msg:"flags PA"; flow:to_server,established; flags:PA; sid:9000021; rev:1;)
      alert tcp any any -> any 22 (msg:"dsize>0"; flow:to_server,established; dsize:>0; sid:9000022; rev:1;)
      alert tcp any any -> any any (msg:"ssh CRC32 overflow filler"; flow:to_server,established; content:"|00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00|"; sid:9001325; rev:1;)
      """;

  @TempDir Path dir;

  private static final String NUL18 = "|00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00|";

  /** Per alert: "sid pcap_cnt timestamp" (pcap_cnt "-" when none). */
  private List<String> alerts(String capture) throws IOException {
    return read(ZeekRun.run(dir, capture, RULES));
  }

  /** The alerts of {@code rules} over an edited copy of the zeek capture {@code capture}. */
  private List<String> alertsEdited(
      String capture, String rules, java.util.function.UnaryOperator<PcapEdit> edit)
      throws IOException {
    Path pcap = ZeekRun.CORPUS.resolve("pcaps/zeek").resolve(capture);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isRegularFile(pcap), "corpus not found at " + pcap);
    Path edited =
        edit.apply(new PcapEdit(pcap)).write(dir.resolve("edited-" + System.nanoTime() + ".pcap"));
    return read(ZeekRun.runFile(dir, edited, rules));
  }

  private static List<String> read(Path logs) throws IOException {
    Pattern sid = Pattern.compile("\"signature_id\":(\\d+)");
    Pattern cnt = Pattern.compile("\"pcap_cnt\":(\\d+)");
    Pattern ts = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    List<String> got = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      if (line.contains("\"event_type\":\"alert\"")) {
        Matcher s = sid.matcher(line);
        Matcher c = cnt.matcher(line);
        Matcher t = ts.matcher(line);
        got.add(
            (s.find() ? s.group(1) : "?")
                + " "
                + (c.find() ? c.group(1) : "-")
                + " "
                + (t.find() ? t.group(1) : "?"));
      }
    }
    return got;
  }

  private static String packets(List<String> alerts, String sid) {
    StringBuilder sb = new StringBuilder();
    for (String a : alerts) {
      String[] f = a.split(" ");
      if (f[0].equals(sid)) {
        sb.append(sb.isEmpty() ? "" : " ").append(f[1]);
      }
    }
    return sb.toString();
  }

  @Test
  void encryptedFlowIsFlushedOnPseudoPacketsThenOnlyHeaderRulesMatch() throws IOException {
    List<String> got = alerts("ssh/ssh_kex_curve25519.pcap");
    // the client's NULs (its key exchange, below the raw chunk size) are inspected when packet 17
    // ACKs the client's NEWKEYS, on a pseudo packet of that time
    List<String> nul = got.stream().filter(a -> a.startsWith("9001325 ")).toList();
    assertEquals(List.of("9001325 - 2017-09-16T01:22:44.735538+0000"), nul);
    assertEquals("4 8 12 16 18 22 25 28 31 36 39 62 69 70", packets(got, "9000021"));
    assertEquals("4 8 12 16", packets(got, "9000022"), "no payload after packet 17");
  }

  @Test
  void sshIsDetectedByItsBannerOnAnyPort() throws IOException {
    List<String> got = alerts("ssh/ssh-on-port-80.pcap");
    assertEquals(List.of("9001325 - 2011-06-24T15:51:31.129031+0000"), got);
  }

  @Test
  void dataThatIsNotSshEndsOnlyParsingAndRawInspectionGoesOn() throws IOException {
    // the server sends text before its banner: Suricata's parser fails, the stream is inspected as
    // usual
    List<String> got = alerts("ssh/server-pre-banner-data.pcap");
    assertEquals("33", packets(got, "9001325"));
    assertEquals("4 14 17 22 24 28 31 34", packets(got, "9000022"));
  }

  @Test
  void aNewKeysRecordSplitAfterItsHeaderStopsNothing() throws IOException {
    String rule =
        "alert tcp any any -> any any (msg:\"nul\"; flow:to_server,established; content:\""
            + NUL18
            + "\"; sid:9001325; rev:1;)";
    // the client's 16-byte NEWKEYS (packet 16) in two segments, the first ACKed alone: with 8 bytes
    // the record header is whole (its end is skipped as it comes, no flag: the stream stays
    // inspected)
    assertEquals(
        List.of("9001325 35 2017-09-16T01:22:44.748867+0000"),
        alertsEdited("ssh/ssh_kex_curve25519.pcap", rule, e -> e.split(16, 8, 17)));
    // with 3 bytes the header is held and the record completes on the next segment's ACK
    assertEquals(
        List.of("9001325 - 2017-09-16T01:22:44.735538+0000"),
        alertsEdited("ssh/ssh_kex_curve25519.pcap", rule, e -> e.split(16, 3, 17)));
  }

  @Test
  void onlyDataAckedWhenInspectionStopsIsFlushedAndLaterPayloadsAreNotInspected()
      throws IOException {
    String rules =
        "alert tcp any any -> any any (msg:\"nul packet\"; flow:to_server,established,no_stream; content:\""
            + NUL18
            + "\"; sid:9001326; rev:1;)\n"
            + "alert tcp any any -> any any (msg:\"nul\"; flow:to_server,established; content:\""
            + NUL18
            + "\"; sid:9001325; rev:1;)";
    String capture = "ssh/ssh_client_sends_first_enc_pkt_with_newkeys.pcap";
    // NULs in the encrypted bytes following the client's NEWKEYS in its segment: ACKed by packet 14
    assertEquals(
        List.of(
            "9001326 13 2019-09-03T15:37:08.364126+0000",
            "9001325 - 2019-09-03T15:37:08.364355+0000"),
        alertsEdited(capture, rules, e -> e.zero(13, 30, 18)));
    // NULs in client data sent before the cutoff (packet 15 now) but ACKed after it: its packet is
    // inspected, its stream data never
    assertEquals(
        List.of("9001326 14 2019-09-03T15:37:08.364355+0000"),
        alertsEdited(capture, rules, e -> e.move(17, 14).ack(14, 88001331L).zero(14, 2, 18)));
    // NULs in a client packet after the cutoff: neither its payload nor the stream is inspected
    assertEquals(
        List.of(
            "9001326 8 2019-08-30T20:59:28.248909+0000",
            "9001325 - 2019-08-30T20:59:28.302105+0000"),
        alertsEdited(
            "ssh/ssh_server_sends_first_enc_pkt_with_newkeys.pcap", rules, e -> e.zero(15, 2, 18)));
  }

  @Test
  void thePacketThatStopsInspectionHasItsOwnPayloadInspected() throws IOException {
    String rule =
        "alert tcp any any -> any any (msg:\"nul packet\"; flow:to_client,established,no_stream; content:\""
            + NUL18
            + "\"; sid:9000003; rev:1;)";
    // the server's data packet 15 moved before its bare ACK: it ACKs the client's NEWKEYS itself
    List<String> got =
        alertsEdited(
            "ssh/ssh_client_sends_first_enc_pkt_with_newkeys.pcap",
            rule,
            e -> e.move(15, 14).zero(14, 2, 18));
    assertEquals("7 14", packets(got, "9000003"));
  }
}
