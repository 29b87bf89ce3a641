package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.config.ClassificationConfig;
import org.vigil.detect.Ruleset;
import org.vigil.testing.PacketBuilder;
import org.vigil.testing.PcapWriter;
import org.vigil.testing.StatsJson;
import org.vigil.testing.TestRules;

/**
 * Fragmented datagrams in the {@code workers} run mode over captures: the worker that runs a
 * datagram's flow is the only one that keeps its fragments' bytes and rebuilds it, and the run
 * writes the alerts and EVE records of the single mode, whatever order the fragments come in, under
 * both flow-owner modes.
 */
class WorkersFragmentsTest {
  private static final String RULES =
      """
      alert udp any any -> any any (msg:"udp"; content:"SECRETPAYLOAD"; sid:1;)
      alert tcp any any -> any 80 (msg:"tcp"; flow:to_server,established; content:"EVILSTRING"; sid:2;)
      alert icmp any any -> any any (msg:"ping"; itype:8; content:"PINGDATA"; sid:3;)
      alert udp any any -> any any (msg:"overlap"; content:"OVERLAPPED"; sid:4;)
      alert icmp any any -> any any (msg:"error"; itype:3; sid:5;)
      """;

  private static final int SYN = 0x02;
  private static final int SYN_ACK = 0x12;
  private static final int ACK = 0x10;
  private static final int PSH_ACK = 0x18;
  private static final int FIN_ACK = 0x11;

  /** Fragment orders: in order, reversed (first last), first in the middle. */
  private static final int[][] ORDERS = {{0, 1, 2}, {2, 1, 0}, {1, 0, 2}, {2, 0, 1}};

  static ClassificationConfig classes;
  static Ruleset rules;

  @TempDir Path tmp;

  @BeforeAll
  static void compile(@TempDir Path dir) throws IOException {
    TestRules compiled = TestRules.compile(dir, "frag.rules", RULES);
    classes = compiled.classes();
    rules = compiled.ruleset();
  }

  /**
   * Flows of fragmented UDP, TCP, ICMP echo and IPv6 datagrams in every order, overlapping
   * fragments, a UDP datagram shorter than its length field, a fragmented datagram inside an
   * IP-in-IP tunnel and an ICMP error quoting a first fragment: the records of a workers run are
   * single's, and a fragment of a flow's datagram is kept by one worker once its first fragment
   * came.
   */
  @Test
  void fragmentedFlowsGiveTheSingleModesRecords() throws IOException {
    Capture c = new Capture();
    int id = 100;
    for (int f = 0; f < 16; f++) {
      int[] order = ORDERS[f % ORDERS.length];
      String client = "10.1.0." + (f + 1);
      byte[] dns = payload("..SECRETPAYLOAD.........", 40);
      c.fragments4(client, "10.2.0.1", 17, id++, PacketBuilder.udp(40000 + f, 53, dns), order);
      byte[] ping = PacketBuilder.icmp(8, 0, f, 1, payload("...PINGDATA...", 40));
      c.fragments4(client, "10.2.0.1", 1, id++, ping, order);
      String v6 = "2001:db8::" + Integer.toHexString(f + 1);
      c.fragments6(v6, "2001:db8::ff", id++, PacketBuilder.udp(41000 + f, 53, dns), order);
      tcp(c, client, 30000 + f, "10.2.0.2", id, order);
      id += 4;
      // the second and third fragments overlap: the policy of 10.2.0.3 decides which bytes win
      byte[] u = PacketBuilder.ipv4(client, "10.2.0.3", 17, PacketBuilder.udp(42000 + f, 9, pad()));
      byte[] l4 = Arrays.copyOfRange(u, 20, u.length);
      byte[] over = Arrays.copyOfRange(l4, 16, 40);
      System.arraycopy("OVERLAPPED".getBytes(StandardCharsets.US_ASCII), 0, over, 2, 10);
      c.add(frag4(client, "10.2.0.3", 17, id, 0, true, Arrays.copyOfRange(l4, 0, 24)));
      c.add(frag4(client, "10.2.0.3", 17, id, 16, true, over));
      c.add(frag4(client, "10.2.0.3", 17, id, 24, false, Arrays.copyOfRange(l4, 24, l4.length)));
      id++;
      // an IP-in-IP tunnel carrying a fragmented datagram, and an ICMP error quoting a fragment
      byte[] inner = PacketBuilder.udp(43000 + f, 53, dns);
      for (byte[] fr : split4("10.5.0." + (f + 1), "10.6.0.1", 17, id++, inner, order)) {
        c.add(PacketBuilder.ipv4("192.168.0.1", "192.168.0.2", 4, fr));
      }
      // a UDP length field beyond the datagram: rebuilt, it has no flow
      byte[] longer = PacketBuilder.udp(44000 + f, 53, dns);
      longer[5] += 16;
      c.fragments4(client, "10.2.0.4", 17, id++, longer, order);
      byte[] quoted = frag4(client, "10.2.0.1", 17, id++, 0, true, Arrays.copyOf(inner, 24));
      byte[] error = PacketBuilder.icmp(3, 3, 0, 0, Arrays.copyOf(quoted, 28));
      c.add(PacketBuilder.ipv4("10.2.0.1", client, 1, error));
    }
    Path capture = c.write(tmp.resolve("frags.pcap"));
    Path singleLogs = run("single", null, capture, true, List.of());
    List<String> single = records(singleLogs);
    for (int sid : new int[] {1, 2, 3, 5}) {
      String s = "\"signature_id\":" + sid + ",";
      assertTrue(single.stream().anyMatch(r -> r.contains(s)), "single alerts sid " + sid);
    }
    long fragments = StatsJson.number(StatsJson.read(singleLogs.resolve("stats.json")), DEFRAG);
    for (boolean claims : new boolean[] {false, true}) {
      Path logs = run("workers", 2, capture, claims, List.of());
      assertEquals(single, records(logs), "claims " + claims);
      Map<String, Object> stats = StatsJson.read(logs.resolve("stats.json"));
      long stored = perWorker(stats, "fragments_stored");
      long left = perWorker(stats, "fragments_left_to_others");
      assertEquals(fragments, StatsJson.number(stats, DEFRAG), "defrag counters as single's");
      // a fragment before its datagram's first is stored by both, one after it by its owner
      assertTrue(stored < 2 * fragments && left > 0, stored + " stored, " + left + " left");
      assertTrue(stored + left >= 2 * fragments, stored + " stored, " + left + " left");
    }
  }

  /**
   * A flood of first fragments of many flows' datagrams that never complete, under a memcap they
   * overflow: each fragment is held by the one worker that owns its flow, and the run's defrag
   * counters (evictions, memcap hits, peak memory) are single's.
   */
  @Test
  void aFragmentFloodIsHeldByOneWorkerPerFragment() throws IOException {
    Capture c = new Capture();
    int n = 3000;
    for (int i = 0; i < n; i++) {
      byte[] l4 = PacketBuilder.udp(1024 + i % 500, 7000, new byte[1016]);
      c.add(frag4("11.0." + (i % 50) + ".1", "10.0.0.1", 17, i, 0, true, l4));
    }
    Path capture = c.write(tmp.resolve("flood.pcap"));
    List<String> small = List.of("defrag.memcap=1mb");
    Map<String, Object> single =
        StatsJson.read(run("single", null, capture, true, small).resolve("stats.json"));
    assertTrue(StatsJson.number(single, "stats.defrag.evicted") > 0, "the flood overflows");
    for (boolean claims : new boolean[] {false, true}) {
      Map<String, Object> stats =
          StatsJson.read(run("workers", 2, capture, claims, small).resolve("stats.json"));
      for (String k : List.of("fragments", "evicted", "memcap", "memuse_peak", "dropped")) {
        assertEquals(
            StatsJson.number(single, "stats.defrag." + k),
            StatsJson.number(stats, "stats.defrag." + k),
            k + ", claims " + claims);
      }
      assertEquals(n, perWorker(stats, "fragments_stored"), "claims " + claims);
      assertEquals(n, perWorker(stats, "fragments_left_to_others"), "claims " + claims);
      if (!claims) { // the static hash spreads the flows over both
        for (String w : List.of("W#1", "W#2")) {
          long s = StatsJson.number(stats, THREADS + w + ".fragments_stored");
          assertTrue(s > n / 4 && s < n * 3 / 4, w + " stored " + s);
        }
      }
    }
  }

  /**
   * Fragmented VXLAN datagrams (UDP to 4789) whose inner packets belong to other flows than the
   * outer datagram's: a tunnel's fragments are kept and rebuilt by every worker, so each inner
   * packet reaches the owner of its own flow, and the records are single's.
   */
  @Test
  void fragmentedTunnelDatagramsAreKeptByEveryWorker() throws IOException {
    Capture c = new Capture();
    int flows = 8;
    for (int f = 0; f < flows; f++) {
      byte[] inner =
          PacketBuilder.ipv4(
              "10.7.0." + (f + 1),
              "10.8.0.1",
              17,
              PacketBuilder.udp(45000 + f, 53, payload("..SECRETPAYLOAD.........", 40)));
      byte[] vxlan = new byte[8];
      vxlan[0] = 0x08; // the VNI is valid
      vxlan[6] = (byte) (f + 1);
      byte[] outer =
          PacketBuilder.udp(50000 + f, 4789, concat(vxlan, PacketBuilder.ethernet(0x0800, inner)));
      c.fragments4("192.168.1." + (f + 1), "192.168.2.1", 17, f + 1, outer, ORDERS[f % 4]);
    }
    Path capture = c.write(tmp.resolve("vxlan.pcap"));
    Path singleLogs = run("single", null, capture, true, List.of());
    List<String> single = records(singleLogs);
    assertTrue(
        single.stream().anyMatch(r -> r.contains("\"signature_id\":1,") && r.contains("10.7.0.")),
        "single alerts on the inner packets");
    long fragments = StatsJson.number(StatsJson.read(singleLogs.resolve("stats.json")), DEFRAG);
    assertEquals(3L * flows, fragments);
    for (boolean claims : new boolean[] {false, true}) {
      Path logs = run("workers", 2, capture, claims, List.of());
      assertEquals(single, records(logs), "claims " + claims);
      Map<String, Object> stats = StatsJson.read(logs.resolve("stats.json"));
      assertEquals(2 * fragments, perWorker(stats, "fragments_stored"), "claims " + claims);
      assertEquals(0, perWorker(stats, "fragments_left_to_others"), "claims " + claims);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static final String DEFRAG = "stats.defrag.fragments";
  private static final String THREADS = "stats.threading.threads.";

  private static long perWorker(Map<String, Object> stats, String counter) {
    return StatsJson.number(stats, THREADS + "W#1." + counter)
        + StatsJson.number(stats, THREADS + "W#2." + counter);
  }

  /** A TCP connection to port 80 whose data segment comes in three fragments in {@code order}. */
  private static void tcp(Capture c, String client, int port, String server, int id, int[] order) {
    c.add(seg(client, port, server, 80, 1000, 0, SYN, ""));
    c.add(seg(server, 80, client, port, 5000, 1001, SYN_ACK, ""));
    c.add(seg(client, port, server, 80, 1001, 5001, ACK, ""));
    String text = "GET /.......EVILSTRING........................";
    byte[] data = PacketBuilder.tcp(port, 80, 1001, 5001, PSH_ACK, bytes(text));
    byte[] ip = PacketBuilder.ipv4(client, server, 6, data);
    for (byte[] fr : split4(client, server, 6, id, Arrays.copyOfRange(ip, 20, ip.length), order)) {
      c.add(fr);
    }
    int next = 1001 + text.length();
    c.add(seg(server, 80, client, port, 5001, next, ACK, ""));
    c.add(seg(client, port, server, 80, next, 5001, FIN_ACK, ""));
    c.add(seg(server, 80, client, port, 5001, next + 1, FIN_ACK, ""));
    c.add(seg(client, port, server, 80, next + 1, 5002, ACK, ""));
  }

  private static byte[] seg(
      String src, int sport, String dst, int dport, int seq, int ack, int flags, String text) {
    return PacketBuilder.ipv4(
        src, dst, 6, PacketBuilder.tcp(sport, dport, seq, ack, flags, bytes(text)));
  }

  /**
   * The IPv4 fragments of transport bytes {@code l4} (checksummed as one datagram), three of them
   * (24 bytes, 16 bytes, the rest), in {@code order}.
   */
  private static List<byte[]> split4(
      String src, String dst, int proto, int id, byte[] l4, int[] order) {
    byte[] whole = PacketBuilder.ipv4(src, dst, proto, l4);
    byte[] b = Arrays.copyOfRange(whole, 20, whole.length);
    int[] at = {0, 24, 40, b.length};
    List<byte[]> out = new ArrayList<>();
    for (int i : order) {
      out.add(frag4(src, dst, proto, id, at[i], i < 2, Arrays.copyOfRange(b, at[i], at[i + 1])));
    }
    return out;
  }

  private static byte[] frag4(
      String src, String dst, int proto, int id, int offset, boolean more, byte[] part) {
    return PacketBuilder.ipv4(src, dst, proto, id, offset, more, 64, new byte[0], part);
  }

  private static byte[] payload(String head, int len) {
    return Arrays.copyOf(bytes(head), len);
  }

  private static byte[] pad() {
    byte[] p = new byte[48];
    Arrays.fill(p, (byte) '.');
    return p;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Frames of a capture, one millisecond apart. */
  private static final class Capture {
    private final PcapWriter w = PcapWriter.pcap(1);
    private long ts = 1_700_000_000_000_000L;

    void add(byte[] ip) {
      ts += 1000;
      int type = (ip[0] >> 4) == 6 ? 0x86dd : 0x0800;
      w.packet(ts, PacketBuilder.ethernet(type, ip));
    }

    void fragments4(String src, String dst, int proto, int id, byte[] l4, int[] order) {
      for (byte[] f : split4(src, dst, proto, id, l4, order)) {
        add(f);
      }
    }

    /** IPv6 fragments of {@code l4} (checksummed as one packet) as {@link #split4} cuts them. */
    void fragments6(String src, String dst, int id, byte[] l4, int[] order) {
      byte[] whole = PacketBuilder.ipv6(src, dst, 17, l4);
      byte[] b = Arrays.copyOfRange(whole, 40, whole.length);
      int[] at = {0, 24, 40, b.length};
      for (int i : order) {
        byte[] fh = PacketBuilder.fragHeader(17, at[i], i < 2, id);
        add(PacketBuilder.ipv6(src, dst, 44, fh, 17, Arrays.copyOfRange(b, at[i], at[i + 1])));
      }
    }

    Path write(Path file) throws IOException {
      return w.write(file);
    }
  }

  /**
   * A run of {@code mode} with {@code sets}; a {@code workers} run without {@code claims} routes by
   * the static flow hash ({@code threading.flow-owner: flow-hash}).
   */
  private Path run(String mode, Integer threads, Path capture, boolean claims, List<String> sets)
      throws IOException {
    return WorkersRecordRuns.run(
        rules, classes, tmp, mode, threads, capture, claims, sets.toArray(String[]::new));
  }

  /** The records of eve.json but stats, sorted. */
  private static List<String> records(Path logs) throws IOException {
    return WorkersRecordRuns.records(logs);
  }
}
