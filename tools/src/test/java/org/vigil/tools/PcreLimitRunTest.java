package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.ACK;
import static org.vigil.testing.PacketBuilder.FIN;
import static org.vigil.testing.PacketBuilder.PSH;
import static org.vigil.testing.PacketBuilder.SYN;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.tcp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.decode.LinkTypes;
import org.vigil.testing.PcapWriter;

/**
 * Catastrophic pcre shapes over a 64 KB run of one byte (raw stream, HTTP body and a long URI): the
 * run completes, alerts where the pattern really matches, and counts the searches the backtracking
 * budget stopped in stats.json.
 */
class PcreLimitRunTest {
  @TempDir Path dir;

  private static final String RULES =
      """
      alert tcp any any -> any 9000 (msg:"alt star c"; content:"aaaa"; pcre:"/(a|a)*c/"; sid:1;)
      alert tcp any any -> any 9000 (msg:"nested star b"; content:"aaaa"; pcre:"/(a*)*b/"; sid:2;)
      alert tcp any any -> any 9000 (msg:"backref"; content:"aaaa"; pcre:"/(a+)+\\1c/"; sid:3;)
      alert tcp any any -> any 9000 (msg:"alt star a"; content:"aaaa"; pcre:"/(a|a)*a/"; sid:4;)
      alert tcp any any -> any 80 (msg:"body alt star c"; content:"aaaa"; http_client_body; pcre:"/(a|a)*c/P"; sid:5;)
      alert tcp any any -> any 80 (msg:"body backref"; content:"aaaa"; http_client_body; pcre:"/(a+)+\\1c/P"; sid:6;)
      alert tcp any any -> any 80 (msg:"body alt star a"; content:"aaaa"; http_client_body; pcre:"/(a|a)*a/P"; sid:7;)
      alert tcp any any -> any 80 (msg:"uri nested star b"; content:"aaaa"; http_uri; pcre:"/(a*)*b/U"; sid:8;)
      alert tcp any any -> any 80 (msg:"uri backref"; content:"aaaa"; http_uri; pcre:"/(a+)+\\1c/U"; sid:9;)
      alert tcp any any -> any 80 (msg:"uri alt star a"; content:"aaaa"; http_uri; pcre:"/^\\/(a|a)*a$/U"; sid:10;)
      """;

  private static byte[] as(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'a');
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * One client-to-server TCP session carrying {@code data} in MSS-sized segments, each ACKed, then
   * a reply.
   */
  private static long session(
      PcapWriter w, long ts, String client, int sport, int dport, byte[] data, byte[] reply) {
    String server = "10.0.0.2";
    int c = 1000;
    int s = 5000;
    w.packet(
        ts++, ethernet(0x0800, ipv4(client, server, 6, tcp(sport, dport, c, 0, SYN, new byte[0]))));
    w.packet(
        ts++,
        ethernet(
            0x0800, ipv4(server, client, 6, tcp(dport, sport, s, c + 1, SYN | ACK, new byte[0]))));
    w.packet(
        ts++,
        ethernet(
            0x0800, ipv4(client, server, 6, tcp(sport, dport, c + 1, s + 1, ACK, new byte[0]))));
    int seq = c + 1;
    for (int off = 0; off < data.length; off += 1460) {
      byte[] seg = Arrays.copyOfRange(data, off, Math.min(data.length, off + 1460));
      w.packet(
          ts++,
          ethernet(0x0800, ipv4(client, server, 6, tcp(sport, dport, seq, s + 1, ACK | PSH, seg))));
      seq += seg.length;
      w.packet(
          ts++,
          ethernet(
              0x0800, ipv4(server, client, 6, tcp(dport, sport, s + 1, seq, ACK, new byte[0]))));
    }
    w.packet(
        ts++,
        ethernet(0x0800, ipv4(server, client, 6, tcp(dport, sport, s + 1, seq, ACK | PSH, reply))));
    int sEnd = s + 1 + reply.length;
    w.packet(
        ts++,
        ethernet(
            0x0800, ipv4(client, server, 6, tcp(sport, dport, seq, sEnd, FIN | ACK, new byte[0]))));
    w.packet(
        ts++,
        ethernet(
            0x0800,
            ipv4(server, client, 6, tcp(dport, sport, sEnd, seq + 1, FIN | ACK, new byte[0]))));
    w.packet(
        ts++,
        ethernet(
            0x0800,
            ipv4(client, server, 6, tcp(sport, dport, seq + 1, sEnd + 1, ACK, new byte[0]))));
    return ts;
  }

  /**
   * Writes the capture: a raw 64 KB run of 'a', then an HTTP POST with a 4 KB 'a' URI and a 64 KB
   * 'a' body.
   */
  static Path capture(Path file) throws Exception {
    PcapWriter w = PcapWriter.pcap(LinkTypes.ETHERNET);
    long ts =
        session(
            w,
            1_000_000,
            "10.0.0.1",
            40000,
            9000,
            as(65536),
            "ok\n".getBytes(StandardCharsets.US_ASCII));
    byte[] head =
        ("POST /" + "a".repeat(4000) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 65536\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    session(
        w,
        ts + 1_000_000,
        "10.0.0.3",
        40001,
        80,
        concat(head, as(65536)),
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return w.write(file);
  }

  private static Set<Long> sids(String eve) {
    Set<Long> s = new TreeSet<>();
    Matcher m = Pattern.compile("\"signature_id\":(\\d+)").matcher(eve);
    while (m.find()) {
      s.add(Long.parseLong(m.group(1)));
    }
    return s;
  }

  private static long counter(String stats, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(stats);
    assertTrue(m.find(), name + " in " + stats);
    return Long.parseLong(m.group(1));
  }

  @Test
  void catastrophicPcresFinishAlertWhereTheyMatchAndCountBudgetHits() throws Exception {
    Path pcap = capture(dir.resolve("run64k.pcap"));
    Path rules = Files.writeString(dir.resolve("evil.rules"), RULES);
    for (String mode : new String[] {"single", "workers"}) {
      Path logs = dir.resolve("logs-" + mode);
      CliRun r =
          CliRun.of(
              "run",
              "-r",
              pcap.toString(),
              "-S",
              rules.toString(),
              "-l",
              logs.toString(),
              "--runmode",
              mode);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.err().contains("10 loaded, 0 failed"), r.err());
      assertEquals(
          Set.of(4L, 7L, 10L),
          sids(Files.readString(logs.resolve("eve.json"))),
          mode + ": only the patterns that match the run of 'a' alert");
      String stats = Files.readString(logs.resolve("stats.json"));
      assertTrue(
          counter(stats, "pcre_limit_exceeded") > 0,
          "the back-reference searches hit the budget: " + stats);
      assertEquals(0, counter(stats, "rule_errors"), stats);
    }
  }

  @Test
  void aLowMatchLimitInTheConfigurationStopsAPatternTheDefaultLetsFinish() throws Exception {
    PcapWriter w = PcapWriter.pcap(LinkTypes.ETHERNET);
    // the back reference fails at each of 300 start positions before it matches at the end
    byte[] payload = concat(as(300), "xaab".getBytes(StandardCharsets.US_ASCII));
    session(w, 1_000_000, "10.0.0.1", 40000, 9000, payload, new byte[0]);
    Path pcap = w.write(dir.resolve("small.pcap"));
    Path rules =
        Files.writeString(
            dir.resolve("one.rules"),
            "alert tcp any any -> any 9000 (msg:\"backref run\"; content:\"aaaa\"; pcre:\"/(a)\\1+b/\"; sid:20;)\n");
    CliRun ok =
        CliRun.of(
            "run",
            "-r",
            pcap.toString(),
            "-S",
            rules.toString(),
            "-l",
            dir.resolve("a").toString());
    assertEquals(0, ok.code(), ok.err());
    assertEquals(Set.of(20L), sids(Files.readString(dir.resolve("a/eve.json"))));
    assertEquals(0, counter(Files.readString(dir.resolve("a/stats.json")), "pcre_limit_exceeded"));
    CliRun low =
        CliRun.of(
            "run",
            "-r",
            pcap.toString(),
            "-S",
            rules.toString(),
            "-l",
            dir.resolve("b").toString(),
            "--set",
            "pcre.match-limit=10");
    assertEquals(0, low.code(), low.err());
    assertEquals(Set.of(), sids(Files.readString(dir.resolve("b/eve.json"))));
    assertTrue(counter(Files.readString(dir.resolve("b/stats.json")), "pcre_limit_exceeded") > 0);
    CliRun bad =
        CliRun.of(
            "run",
            "-r",
            pcap.toString(),
            "-S",
            rules.toString(),
            "-l",
            dir.resolve("c").toString(),
            "--set",
            "pcre.match-limit=none");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(
        bad.err().contains("pcre.match-limit: expected a whole number of at least 1, found 'none'"),
        bad.err());
  }
}
