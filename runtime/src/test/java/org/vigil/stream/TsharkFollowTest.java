package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vigil.stream.policy.PolicyResolver;
import org.vigil.stream.policy.TargetPolicies;
import org.vigil.stream.testpcap.TestPacket;
import org.vigil.stream.testpcap.TestPcapReader;

/**
 * The reassembled bytes of every TCP connection of the Zeek tcp captures against {@code tshark -qz
 * follow,tcp,raw,N}, for the connections whose SYN the engine saw (midstream pickup off, as by
 * default).
 */
class TsharkFollowTest {
  private static final byte[] MISSING_MARK_START = "[".getBytes(StandardCharsets.ISO_8859_1);

  /** One connection as the test-only flow table sees it. */
  private static final class Flow implements StreamConsumer {
    final TestPacket first;
    final TcpSession session;
    final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
    final ByteArrayOutputStream toClient = new ByteArrayOutputStream();

    Flow(TestPacket first, StreamEngine engine) {
      this.first = first;
      this.session = engine.newSession(first.src(), first.srcPort(), first.dst(), first.dstPort());
      session.setConsumer(this);
    }

    @Override
    public void onData(boolean dir, byte[] buf, int off, int len) {
      (dir ? toServer : toClient).write(buf, off, len);
    }

    @Override
    public void onGap(boolean dir, long length) {}

    @Override
    public void onClose(boolean dir) {}

    boolean fromInitiator(TestPacket p) {
      return Arrays.equals(p.src(), first.src()) && p.srcPort() == first.srcPort();
    }

    byte[] initiatorBytes() {
      return (session.clientIsInitiator() ? toServer : toClient).toByteArray();
    }

    byte[] responderBytes() {
      return (session.clientIsInitiator() ? toClient : toServer).toByteArray();
    }
  }

  private static String key(TestPacket p) {
    String a = HexFormat.of().formatHex(p.src()) + ":" + p.srcPort();
    String b = HexFormat.of().formatHex(p.dst()) + ":" + p.dstPort();
    return a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
  }

  private static boolean tsharkAvailable() {
    try {
      Process pr = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
      pr.getInputStream().readAllBytes();
      return pr.waitFor(30, TimeUnit.SECONDS) && pr.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static final Map<List<String>, String> TSHARK_CACHE = new HashMap<>();

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    String cached = TSHARK_CACHE.get(cmd);
    if (cached != null) {
      return cached;
    }
    Process pr = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    pr.waitFor(60, TimeUnit.SECONDS);
    TSHARK_CACHE.put(List.copyOf(cmd), out);
    return out;
  }

  /** Removes tshark's "[N bytes missing in capture file]\0" markers. */
  static byte[] stripMissingMarks(byte[] b) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    return s.replaceAll("\\[\\d+ bytes missing in capture file\\]\u0000", "")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Outcome of comparing one pass over the directory. */
  private record Outcome(
      int compared, int matched, int untracked, List<String> mismatches, String report) {}

  @Test
  void reassembledBytesMatchTsharkFollow() throws Exception {
    Path dir = TcpOverlapVectorsTest.corpus().resolve("pcaps/zeek/tcp");
    assumeTrue(Files.isDirectory(dir), "corpus not found at " + dir);
    assumeTrue(tsharkAvailable(), "tshark not installed: comparison with tshark follow skipped");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)$")).sorted().toList();
    }
    // Known differences, all explained by what tshark's follow does not model:
    // - payload-syn.pcap: data on a SYN without a TCP Fast Open option, which Suricata ignores (and
    // then refuses
    //   the SYN-ACK acknowledging it), so Vigil does too; tshark shows the 100 bytes;
    // - reassembly.pcap (Zeek's test of inconsistent retransmissions, 5 overlaps with different
    // data): tshark
    //   keeps whichever copy completes its in-order stream, which is not any target's policy;
    // - rst-inject-rae.pcap: an injected RST carrying exactly the next sequence number, which the
    // receiver accepts
    //   (bsd and first policies), closes the session here; tshark keeps following the 150 bytes
    // sent after it.
    List<String> known =
        List.of(
            "payload-syn.pcap stream 0",
            "reassembly.pcap stream 0",
            "rst-inject-rae.pcap stream 0");
    for (String policy : List.of("bsd", "first")) {
      Outcome o = compare(files, StreamConfig.ids(), policy);
      System.out.println(
          "[tshark follow, policy "
              + policy
              + ", no midstream] compared "
              + o.compared()
              + " connections, "
              + o.matched()
              + " match, "
              + o.mismatches().size()
              + " mismatch, "
              + o.untracked()
              + " not tracked (no SYN seen)\n"
              + o.report());
      assertTrue(o.compared() >= 20, "too few connections compared: " + o.compared());
      assertEquals(known, o.mismatches(), policy);
    }

    // midstream pickup: reported, not asserted (tshark and vigil may start a connection at
    // different points)
    Outcome mid = compare(files, StreamConfig.ids().withMidstream(true), "first");
    System.out.println(
        "[tshark follow, midstream pickup on] "
            + mid.matched()
            + "/"
            + mid.compared()
            + " match; differing: "
            + mid.mismatches());
  }

  private static Outcome compare(List<Path> files, StreamConfig cfg, String policy)
      throws Exception {
    int compared = 0;
    int matched = 0;
    int untracked = 0;
    List<String> mismatches = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    for (Path f : files) {
      List<TestPacket> packets = TestPcapReader.read(f);
      StreamEngine engine =
          new StreamEngine(cfg, PolicyResolver.fixed(TargetPolicies.require(policy)));
      Map<String, Flow> current = new HashMap<>();
      List<Flow> flows = new ArrayList<>();
      for (TestPacket p : packets) {
        String k = key(p);
        Flow fl = current.get(k);
        boolean syn = (p.tcpFlags() & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN;
        if (fl == null || (syn && fl.session.state() == TcpState.CLOSED)) {
          fl = new Flow(p, engine);
          current.put(k, fl);
          flows.add(fl);
        }
        fl.session.process(p, fl.fromInitiator(p));
      }
      for (Flow fl : flows) {
        fl.session.close();
      }
      assertEquals(
          0, engine.memory().used(), f + ": reassembly memory returned after every session closed");
      // tshark numbers streams in order of first appearance, as this flow table creates flows:
      // follow them all
      // in one run and check the mapping by the initiator's port
      if (flows.isEmpty()) {
        continue;
      }
      List<String> cmd = new ArrayList<>(List.of("tshark", "-r", f.toString(), "-q"));
      for (int i = 0; i < flows.size(); i++) {
        cmd.add("-z");
        cmd.add("follow,tcp,raw," + i);
      }
      Map<Integer, Followed> follow = parseFollow(run(cmd));
      Map<Integer, Flow> byStream = new LinkedHashMap<>();
      for (int i = 0; i < flows.size(); i++) {
        Flow fl = flows.get(i);
        Followed t = follow.get(i);
        assertEquals(
            fl.first.srcPort(),
            t == null ? -1 : t.node0Port(),
            f + ": tshark stream " + i + " is not this flow");
        if (fl.session.eventCount(StreamEvent.MIDSTREAM_NOT_TRACKED) > 0) {
          untracked++;
          continue;
        }
        byStream.put(i, fl);
      }
      for (var e : byStream.entrySet()) {
        Followed t = follow.get(e.getKey());
        Flow fl = e.getValue();
        compared++;
        byte[] tsInit = stripMissingMarks(t.node0());
        byte[] tsResp = stripMissingMarks(t.node1());
        boolean ok =
            Arrays.equals(tsInit, fl.initiatorBytes())
                && Arrays.equals(tsResp, fl.responderBytes());
        String name = f.getFileName() + " stream " + e.getKey();
        report
            .append(name)
            .append(": tshark ")
            .append(tsInit.length)
            .append('/')
            .append(tsResp.length)
            .append(" bytes, vigil ")
            .append(fl.initiatorBytes().length)
            .append('/')
            .append(fl.responderBytes().length)
            .append(ok ? " match" : " MISMATCH")
            .append(" events=")
            .append(eventsOf(fl.session))
            .append('\n');
        if (!ok && System.getenv("VIGIL_DUMPDIR") != null) {
          Path d = Path.of(System.getenv("VIGIL_DUMPDIR"));
          Files.createDirectories(d);
          String base = policy + "." + f.getFileName() + "." + e.getKey();
          Files.write(d.resolve(base + ".tshark0"), tsInit);
          Files.write(d.resolve(base + ".vigil0"), fl.initiatorBytes());
          Files.write(d.resolve(base + ".tshark1"), tsResp);
          Files.write(d.resolve(base + ".vigil1"), fl.responderBytes());
        }
        if (ok) {
          matched++;
        } else {
          mismatches.add(name);
        }
      }
    }
    return new Outcome(compared, matched, untracked, mismatches, report.toString());
  }

  private static String eventsOf(TcpSession s) {
    StringBuilder sb = new StringBuilder();
    for (StreamEvent e : StreamEvent.values()) {
      if (s.eventCount(e) > 0) {
        sb.append(e.name().toLowerCase(java.util.Locale.ROOT))
            .append(':')
            .append(s.eventCount(e))
            .append(',');
      }
    }
    return sb.toString();
  }

  /**
   * What tshark followed for one stream: the bytes of node 0 (the first sender) and node 1, and
   * node 0's port.
   */
  record Followed(byte[] node0, byte[] node1, int node0Port) {}

  /** Parses the output of several {@code -z follow,tcp,raw,N}. */
  static Map<Integer, Followed> parseFollow(String out) {
    Map<Integer, Followed> res = new HashMap<>();
    Integer cur = null;
    int port = -1;
    ByteArrayOutputStream n0 = new ByteArrayOutputStream();
    ByteArrayOutputStream n1 = new ByteArrayOutputStream();
    for (String line : out.split("\n")) {
      if (line.startsWith("Filter: tcp.stream eq ")) {
        cur = Integer.parseInt(line.substring("Filter: tcp.stream eq ".length()).trim());
        n0.reset();
        n1.reset();
        port = -1;
      } else if (line.startsWith("====") && cur != null) {
        res.put(cur, new Followed(n0.toByteArray(), n1.toByteArray(), port));
        cur = null;
      } else if (cur != null && line.startsWith("Node 0: ")) {
        port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
      } else if (cur != null
          && !line.startsWith("Follow:")
          && !line.startsWith("Node ")
          && !line.isBlank()) {
        boolean node1 = line.startsWith("\t");
        (node1 ? n1 : n0).writeBytes(HexFormat.of().parseHex(line.trim()));
      }
    }
    return res;
  }
}
