package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.config.ClassificationConfig;
import org.vigil.decode.Packet;
import org.vigil.detect.Ruleset;
import org.vigil.testing.PacketBuilder;
import org.vigil.testing.StatsJson;
import org.vigil.testing.TestRules;
import org.vigil.thread.queue.Router;

/**
 * The {@code workers} run mode over captures writes the EVE records the single mode writes, not
 * only its alerts: an FTP data flow run by another worker than its control flow is ftp-data, with
 * its file, whichever worker is ahead; app records of datagrams carry their own packet's addresses;
 * flows say they alerted only when a rate-limited rule's alert was let through; a TLS record is the
 * connection as it was when the record was made.
 */
class WorkersEveRecordsTest {
  private static final String RULES =
      """
      alert tcp any any -> any 21 (msg:"heavy"; flow:to_server; content:"HEAVY"; pcre:"/HEAVY[a-z]*X/"; sid:1;)
      alert udp any any -> any 7100 (msg:"limited"; content:"LIMITED"; threshold: type limit, track by_src, count 1, seconds 3600; sid:2;)
      """;

  private static final int SYN = WorkersRecordRuns.SYN;

  static ClassificationConfig classes;
  static Ruleset rules;

  @TempDir Path tmp;

  @BeforeAll
  static void compile(@TempDir Path dir) throws IOException {
    TestRules compiled = TestRules.compile(dir, "records.rules", RULES);
    classes = compiled.classes();
    rules = compiled.ruleset();
  }

  /**
   * An FTP session whose control flow first carries thousands of heavy commands (its worker falls
   * behind) then announces a passive data connection whose file follows at once; the data flow goes
   * to the other worker (the static hash picks it so; with claims, the worker ahead meets it
   * first). The data flow is ftp-data with its file in every run, as in single.
   */
  @Test
  void anFtpDataFlowOfAnotherWorkerIsFtpDataAsInSingle() throws IOException {
    Router.FlowHash hash = new Router.FlowHash(2);
    int controlPort = 40000;
    int dataPort = 40001;
    while (hash.route(decoded(segment("10.0.0.1", dataPort, "10.0.0.2", 50000, 1, 1, SYN, "")))
        == hash.route(decoded(segment("10.0.0.1", controlPort, "10.0.0.2", 21, 1, 1, SYN, "")))) {
      dataPort++;
    }
    WorkersRecordRuns.Capture c = new WorkersRecordRuns.Capture();
    WorkersRecordRuns.Tcp control =
        new WorkersRecordRuns.Tcp(c, "10.0.0.1", controlPort, "10.0.0.2", 21);
    control.open();
    control.server("220 (vsFTPd 3.0.3)\r\n");
    control.client("USER anonymous\r\n");
    control.server("331 Please specify the password.\r\n");
    control.client("PASS guest\r\n");
    control.server("230 Login successful.\r\n");
    char[] filler = new char[1300];
    Arrays.fill(filler, 'a');
    // within the stream depth (1 MB): the FTP layer parses what follows
    for (int i = 0; i < 500; i++) {
      control.client("NOOP HEAVY" + new String(filler) + "\r\n");
      control.server("200 NOOP ok.\r\n");
    }
    control.client("PASV\r\n");
    control.server("227 Entering Passive Mode (10,0,0,2,195,80).\r\n");
    control.client("RETR secret.txt\r\n");
    control.server("150 Opening BINARY mode data connection for secret.txt (12 bytes).\r\n");
    WorkersRecordRuns.Tcp data =
        new WorkersRecordRuns.Tcp(c, "10.0.0.1", dataPort, "10.0.0.2", 50000);
    data.open();
    data.server("hello world\n");
    data.close();
    control.server("226 Transfer complete.\r\n");
    control.close();
    Path capture = c.write(tmp.resolve("ftp.pcap"));
    List<String> single = records(run("single", null, capture, true));
    assertTrue(
        single.stream().anyMatch(r -> r.contains("\"event_type\":\"ftp_data\"")),
        "single logs the data flow: " + single);
    assertTrue(single.stream().anyMatch(r -> r.contains("\"filename\":\"secret.txt\"")));
    for (boolean claims : new boolean[] {false, true}) {
      assertEquals(single, records(run("workers", 2, capture, claims)), "claims " + claims);
    }
  }

  /**
   * DNS queries and answers of several flows: each record is addressed as its own flow (client to
   * server), not as the packet the thread processed before, in single and workers alike.
   */
  @Test
  void datagramRecordsCarryTheirOwnPacketsAddresses() throws IOException {
    WorkersRecordRuns.Capture c = new WorkersRecordRuns.Capture();
    for (int i = 0; i < 20; i++) {
      String client = "10.7.0." + (i + 1);
      byte[] query = dnsQuery(0x1000 + i);
      c.add(PacketBuilder.ipv4(client, "10.8.0.53", 17, PacketBuilder.udp(30000 + i, 53, query)));
      byte[] answer = query.clone();
      answer[2] = (byte) 0x81;
      answer[3] = (byte) 0x80;
      c.add(PacketBuilder.ipv4("10.8.0.53", client, 17, PacketBuilder.udp(53, 30000 + i, answer)));
    }
    Path capture = c.write(tmp.resolve("dns.pcap"));
    List<String> single = records(run("single", null, capture, true));
    long dns = 0;
    for (String r : single) {
      Map<String, Object> m = StatsJson.parse(r);
      if (!"dns".equals(m.get("event_type"))) {
        continue;
      }
      dns++;
      long cnt = ((Number) m.get("pcap_cnt")).longValue();
      assertEquals("10.7.0." + ((cnt + 1) / 2), m.get("src_ip"), r);
      assertEquals("10.8.0.53", m.get("dest_ip"), r);
    }
    assertEquals(40, dns, "a record per query and answer: " + single);
    for (boolean claims : new boolean[] {false, true}) {
      assertEquals(single, records(run("workers", 2, capture, claims)), "claims " + claims);
    }
  }

  /**
   * Flows of one source matching a rule limited to one alert per source: only the first flow's
   * record says it alerted, in workers as in single (whose limiter decides before the flow is
   * marked).
   */
  @Test
  void onlyFlowsWithAnAlertLetThroughSayTheyAlerted() throws IOException {
    WorkersRecordRuns.Capture c = new WorkersRecordRuns.Capture();
    for (int i = 0; i < 40; i++) {
      byte[] payload = "LIMITED payload".getBytes(StandardCharsets.US_ASCII);
      c.add(
          PacketBuilder.ipv4(
              "10.9.0.1", "10.9.1.1", 17, PacketBuilder.udp(20000 + i, 7100, payload)));
    }
    Path capture = c.write(tmp.resolve("limited.pcap"));
    List<String> single = records(run("single", null, capture, true));
    assertEquals(1, single.stream().filter(r -> r.contains("\"event_type\":\"alert\"")).count());
    assertEquals(
        1, single.stream().filter(r -> r.contains("\"alerted\":true")).count(), "" + single);
    assertEquals(40, single.stream().filter(r -> r.contains("\"event_type\":\"flow\"")).count());
    for (boolean claims : new boolean[] {false, true}) {
      assertEquals(single, records(run("workers", 2, capture, claims)), "claims " + claims);
    }
  }

  /**
   * A TLS connection whose handshake goes on after its record is made (an SSLv2 client hello then
   * TLSv1): the record says what the connection was when it was made (TLSv1, as Suricata), not what
   * it became by the time the coordinator writes it.
   */
  @Test
  void aTlsRecordIsTheConnectionAsItWasWhenMade() throws IOException {
    Path capture = org.vigil.inspect.ZeekRun.CORPUS.resolve("pcaps/zeek/globus-url-copy.pcap");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(capture), "corpus at " + capture);
    List<String> single = records(run("single", null, capture, true));
    assertTrue(
        single.stream()
            .anyMatch(
                r -> r.contains("\"event_type\":\"tls\"") && r.contains("\"version\":\"TLSv1\"")),
        "" + single);
    for (boolean claims : new boolean[] {false, true}) {
      assertEquals(single, records(run("workers", 2, capture, claims)), "claims " + claims);
    }
  }

  /**
   * ICMP port-unreachable errors of one router to one host: some report on a UDP flow of the
   * capture (they count with it), the others on datagrams never seen, whose flows hash to both
   * workers: as in single, those make one ICMP flow of the router and the host, not one per worker.
   */
  @Test
  void icmpErrorsCountWithTheirFlowOrTheirOwnAddressesAsInSingle() throws IOException {
    WorkersRecordRuns.Capture c = new WorkersRecordRuns.Capture();
    byte[] query = dnsQuery(7);
    for (int i = 0; i < 4; i++) {
      c.add(
          PacketBuilder.ipv4(
              "10.20.0.2", "10.30.0.9", 17, PacketBuilder.udp(33000 + i, 53, query)));
    }
    for (int i = 0; i < 24; i++) {
      // odd: a datagram of the capture's flows; even: one never seen
      byte[] quoted =
          PacketBuilder.ipv4(
              "10.20.0.2",
              "10.30.0.9",
              17,
              PacketBuilder.udp(i % 2 == 1 ? 33000 + (i / 2) % 4 : 34000 + i, 53, query));
      byte[] error = PacketBuilder.icmp(3, 3, 0, 0, Arrays.copyOf(quoted, 28));
      c.add(PacketBuilder.ipv4("10.20.0.1", "10.20.0.2", 1, error));
    }
    Path capture = c.write(tmp.resolve("icmp.pcap"));
    List<String> single = records(run("single", null, capture, true));
    List<String> icmpFlows =
        single.stream()
            .filter(r -> r.contains("\"event_type\":\"flow\"") && r.contains("\"proto\":\"ICMP\""))
            .toList();
    assertEquals(1, icmpFlows.size(), "" + single);
    assertTrue(icmpFlows.get(0).contains("\"pkts_toserver\":12"), icmpFlows.get(0));
    for (boolean claims : new boolean[] {false, true}) {
      assertEquals(single, records(run("workers", 2, capture, claims)), "claims " + claims);
    }
  }

  private static byte[] dnsQuery(int id) {
    byte[] name = {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0};
    byte[] m = new byte[12 + name.length + 4];
    m[0] = (byte) (id >> 8);
    m[1] = (byte) id;
    m[2] = 0x01; // recursion desired
    m[5] = 1; // one question
    System.arraycopy(name, 0, m, 12, name.length);
    m[12 + name.length + 1] = 1; // type A
    m[12 + name.length + 3] = 1; // class IN
    return m;
  }

  private static Packet decoded(byte[] ip) {
    return WorkersRecordRuns.decoded(ip);
  }

  private Path run(String mode, Integer threads, Path capture, boolean claims) throws IOException {
    return WorkersRecordRuns.run(rules, classes, tmp, mode, threads, capture, claims);
  }

  private static List<String> records(Path logs) throws IOException {
    return WorkersRecordRuns.records(logs);
  }

  private static byte[] segment(
      String src, int sport, String dst, int dport, int seq, int ack, int flags, String text) {
    return WorkersRecordRuns.segment(src, sport, dst, dport, seq, ack, flags, text);
  }
}
