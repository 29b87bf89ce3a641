package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.tcp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.decode.LinkTypes;
import org.vigil.testing.PacketBuilder;
import org.vigil.testing.PcapWriter;

/**
 * {@code vigil run} with {@code portscan.enabled}: a capture holding a TCP portscan and a decoy
 * portscan raises gid 122 sids 1 and 2 from the scanner to the target in eve.json (with the {@code
 * portscan} object) and fast.log, the same in the single and the workers run modes (the scanner's
 * flows spread over both workers), and threshold.config suppresses them by gen_id/sig_id.
 */
class PortscanRunTest {
  static final String RULES =
      "alert tcp any any -> any 9 (msg:\"never\"; content:\"zzzzzz\"; sid:9; rev:1;)\n";

  @TempDir Path tmp;

  private Path capture() throws Exception {
    PcapWriter w = PcapWriter.pcap(LinkTypes.ETHERNET);
    long[] micros = {1_700_000_000_000_000L};
    List<byte[]> frames = new ArrayList<>();
    for (int port = 1; port <= 30; port++) {
      frames.add(syn("10.1.0.1", "10.1.0.2", port));
      frames.add(rst("10.1.0.1", "10.1.0.2", port));
    }
    for (int port = 1; port <= 40; port++) {
      for (int d = 1; d <= 10; d++) {
        frames.add(syn("10.1.5." + d, "10.1.0.3", port));
        frames.add(rst("10.1.5." + d, "10.1.0.3", port));
      }
    }
    for (byte[] f : frames) {
      w.packet(micros[0], f);
      micros[0] += 500;
    }
    return w.write(tmp.resolve("scan.pcap"));
  }

  private static byte[] syn(String src, String dst, int port) {
    return ethernet(
        0x0800, ipv4(src, dst, 6, tcp(41000, port, 7, 0, PacketBuilder.SYN, new byte[0])));
  }

  private static byte[] rst(String src, String dst, int port) {
    return ethernet(
        0x0800,
        ipv4(
            dst,
            src,
            6,
            tcp(port, 41000, 0, 8, PacketBuilder.RST | PacketBuilder.ACK, new byte[0])));
  }

  private Path run(String name, String threshold, String... extra) throws Exception {
    Path pcap = capture();
    Path rules = Files.writeString(tmp.resolve("p.rules"), RULES);
    Path logs = tmp.resolve(name);
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-r",
                pcap.toString(),
                "-S",
                rules.toString(),
                "-l",
                logs.toString(),
                "--set",
                "portscan.enabled=yes"));
    if (threshold != null) {
      Path th = Files.writeString(tmp.resolve(name + ".threshold"), threshold);
      args.addAll(List.of("--set", "threshold-file=" + th));
    }
    args.addAll(List.of(extra));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return logs;
  }

  private static final Pattern ALERT =
      Pattern.compile(
          "\"src_ip\":\"([^\"]+)\",\"dest_ip\":\"([^\"]+)\",\"proto\":\"TCP\".*\"gid\":122,"
              + "\"signature_id\":(\\d+).*\"portscan\":\\{\"priority_count\":(\\d+)");

  /** "sid scanner > target priority" of each gid 122 alert in eve.json, sorted. */
  private static List<String> portscans(Path logs) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"), StandardCharsets.UTF_8)) {
      if (line.contains("\"event_type\":\"alert\"") && line.contains("\"gid\":122")) {
        Matcher m = ALERT.matcher(line);
        assertTrue(m.find(), line);
        out.add(m.group(3) + " " + m.group(1) + " > " + m.group(2) + " " + m.group(4));
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void aPortscanAndADecoyScanAlertAsGid122InEveAndFastLog() throws Exception {
    Path logs = run("single", null);
    // the decoy scan completes on the first probe of its 30th port (priority: 29 ports x 10)
    assertEquals(List.of("1 10.1.0.1 > 10.1.0.2 5", "2 10.1.5.1 > 10.1.0.3 290"), portscans(logs));
    String fast = Files.readString(logs.resolve("fast.log"));
    assertTrue(
        fast.contains(
            "[**] [122:1:1] (portscan) TCP Portscan [**] [Classification: Attempted Information"
                + " Leak] [Priority: 2] {TCP} 10.1.0.1:0 -> 10.1.0.2:0"),
        fast);
    assertTrue(fast.contains("[122:2:1] (portscan) TCP Decoy Portscan"), fast);
    String stats = Files.readString(logs.resolve("stats.json"));
    assertTrue(stats.contains("\"output\":{\"alerts\":2,"), "the run counts them: " + stats);
    assertTrue(
        stats.contains("\"portscan\":{\"probes\":860,\"alerts\":2,\"trackers\":0,"),
        "every packet a probe; the trackers dropped at the capture's end: " + stats);
  }

  @Test
  void twoWorkersSharingTheTrackerRaiseTheSameAlerts() throws Exception {
    // the static flow hash splits the probes the same way in every run (first claims may leave
    // all of them to the worker ahead)
    Path logs =
        run(
            "workers",
            null,
            "--runmode",
            "workers",
            "--threads",
            "2",
            "--set",
            "threading.flow-owner=flow-hash");
    // the packet completing a scan depends on how the workers interleave (its source and the
    // negative responses counted by then), the scan's sid does not
    List<String> a = portscans(logs);
    assertEquals(2, a.size(), a.toString());
    assertTrue(a.get(0).startsWith("1 10.1.0.1 > 10.1.0.2 "), a.toString());
    assertTrue(a.get(1).matches("2 10\\.1\\.5\\.\\d+ > 10\\.1\\.0\\.3 \\d+"), a.toString());
    List<String> records = Files.readAllLines(logs.resolve("stats.json"), StandardCharsets.UTF_8);
    String stats = records.get(records.size() - 1);
    Matcher probes = Pattern.compile("\"portscan\":\\{\"probes\":(\\d+)").matcher(stats);
    List<Long> perWorker = new ArrayList<>();
    while (probes.find()) {
      perWorker.add(Long.parseLong(probes.group(1)));
    }
    assertEquals(2, perWorker.size(), stats);
    assertTrue(stats.contains("\"flow_owner\":\"flow hash\""), stats);
    assertTrue(perWorker.stream().allMatch(n -> n > 0), "each worker counted probes: " + perWorker);
  }

  @Test
  void thresholdConfigSuppressesByGenAndSigId() throws Exception {
    Path logs = run("suppressed", "suppress gen_id 122, sig_id 1\n");
    assertEquals(List.of("2 10.1.5.1 > 10.1.0.3 290"), portscans(logs));
    Path bySrc = run("bysrc", "suppress gen_id 122, sig_id 2, track by_src, ip 10.1.5.0/24\n");
    assertEquals(List.of("1 10.1.0.1 > 10.1.0.2 5"), portscans(bySrc));
  }
}
