package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.acquire.CaptureReader;
import org.vigil.acquire.CaptureSource;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import picocli.CommandLine;

/**
 * The alerted router and the pcap log it feeds ({@code outputs.pcap-log}): over zeek HTTP captures
 * (a packet rule, an app-layer rule, a thresholded rule) the log holds exactly the frames of the
 * packets eve.json's alerts name (capture, pcap_cnt), byte for byte with their timestamps, in the
 * single mode, autofp×2 and a custom layout with {@code router: alerted}; in the parallel modes
 * stats.json shows those packets went through the output stage's queue. {@code conditional: all}
 * logs every packet of the capture; bad settings name their key.
 */
class AlertedRouterTest {
  static final Path CORPUS = Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"));
  static final Path ZEEK_HTTP = CORPUS.resolve("pcaps/zeek/http");
  static final List<String> CAPTURES =
      List.of(
          "get.pcap",
          "flash-version.pcap",
          "cooper-grill-dvwa.pcapng",
          "interleaved-http-entity.pcap",
          "http-post-large.pcap");
  static final String RULES =
      """
      alert tcp any any -> any any (msg:"GET request"; flow:to_server,established; content:"GET"; http_method; sid:1;)
      alert tcp any any -> any any (msg:"HTTP status line"; flow:to_client,established; content:"HTTP/1."; depth:7; sid:2;)
      alert tcp any any -> any any (msg:"first SYN of a source"; flags:S; threshold:type limit, track by_src, count 1, seconds 600; sid:3;)
      """;

  @TempDir Path tmp;

  private Path captures() throws IOException {
    assumeTrue(Files.isDirectory(ZEEK_HTTP), "corpus not found at " + ZEEK_HTTP.toAbsolutePath());
    Path dir = Files.createDirectories(tmp.resolve("captures"));
    for (String name : CAPTURES) {
      Files.createSymbolicLink(dir.resolve(name), ZEEK_HTTP.resolve(name).toAbsolutePath());
    }
    return dir;
  }

  private record Run(int code, String err, Path logs) {}

  private Run run(String name, String yaml, String... extra) throws IOException {
    Path rules = tmp.resolve("http.rules");
    Files.writeString(rules, RULES);
    Path cfg = tmp.resolve(name + ".yaml");
    Files.writeString(cfg, yaml);
    Path logs = tmp.resolve(name);
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-r",
                tmp.resolve("captures").toString(),
                "-S",
                rules.toString(),
                "-l",
                logs.toString(),
                "-c",
                cfg.toString()));
    args.addAll(List.of(extra));
    CommandLine cl = Vigil.commandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args.toArray(String[]::new));
    return new Run(code, err.toString(), logs);
  }

  private static final String ALERTS =
      """
      outputs:
        pcap-log: {enabled: yes, filename: log.pcap, conditional: alerts}
      """;

  @Test
  void theLogHoldsExactlyTheAlertedPacketsInEveryRunMode() throws IOException {
    Path dir = captures();
    Run single = run("single", ALERTS);
    assertEquals(0, single.code(), single.err());
    Set<String> alerted = alertedPackets(single.logs());
    assertTrue(alerted.size() > 20, "the rules alert on many packets: " + alerted.size());
    List<String> expected = frames(dir, alerted);
    assertEquals(alerted.size(), expected.size());
    assertEquals(expected, logged(single.logs().resolve("log.pcap")), "single");
    assertTrue(
        Files.readString(single.logs().resolve("eve.json")).contains("\"signature_id\":3"),
        "the thresholded rule alerts");

    Run autofp = run("autofp", ALERTS, "--runmode", "autofp", "--threads", "2");
    assertEquals(0, autofp.code(), autofp.err());
    assertEquals(
        alerted, alertedPackets(autofp.logs()), "autofp alerts on the packets single does");
    assertEquals(expected, logged(autofp.logs().resolve("log.pcap")), "autofp");
    Map<String, Object> stats =
        org.vigil.testing.StatsJson.read(autofp.logs().resolve("stats.json"));
    assertOutputStageCarried(stats, expected.size());
    assertEquals(
        0,
        org.vigil.testing.StatsJson.number(stats, "stats.output.pcap_log.duplicates")
            + expected.size()
            - org.vigil.testing.StatsJson.number(stats, "stats.output.pcap_log.written"));

    Run custom =
        run(
            "custom",
            ALERTS
                + """
        threading:
          runmode: custom
          router: alerted
          output: thread
          workers:
            - {name: a, modules: [flow, detect]}
            - {name: b, modules: [flow, detect]}
        """);
    assertEquals(0, custom.code(), custom.err());
    assertEquals(expected, logged(custom.logs().resolve("log.pcap")), "custom with router alerted");
    assertOutputStageCarried(
        org.vigil.testing.StatsJson.read(custom.logs().resolve("stats.json")), expected.size());
  }

  /**
   * Every packet the workers sent (and the reader, for alerts of thresholded rules decided at a
   * capture's end) went through the output stage's queue, and the logged ones are among them.
   */
  private static void assertOutputStageCarried(Map<String, Object> stats, int logged) {
    long sent = 0;
    for (String w : threadNames(stats)) {
      sent +=
          org.vigil.testing.StatsJson.number(stats, "stats.threading.threads." + w + ".to_output");
    }
    long received = org.vigil.testing.StatsJson.number(stats, "stats.threading.output.packets");
    assertTrue(received >= logged, "output stage packets " + received + " < logged " + logged);
    assertTrue(sent > 0, "the workers sent packets to the output stage");
    assertEquals(
        sent + org.vigil.testing.StatsJson.number(stats, "stats.threading.threshold_packets"),
        received,
        "what the workers and the reader sent reached the output stage");
    long dequeued =
        org.vigil.testing.StatsJson.number(stats, "stats.threading.output.queue.dequeued");
    assertTrue(dequeued >= received, "queue dequeued " + dequeued + " < packets " + received);
    assertEquals(
        dequeued,
        org.vigil.testing.StatsJson.number(stats, "stats.threading.output.queue.enqueued"),
        "every message put in the output queue was taken out");
    assertEquals(
        logged, org.vigil.testing.StatsJson.number(stats, "stats.output.pcap_log.written"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> threadNames(Map<String, Object> stats) {
    Map<String, Object> s = (Map<String, Object>) stats.get("stats");
    Map<String, Object> threading = (Map<String, Object>) s.get("threading");
    List<String> names = new ArrayList<>(((Map<String, Object>) threading.get("threads")).keySet());
    names.remove("RX");
    assertTrue(names.size() >= 2, names.toString());
    return names;
  }

  @Test
  void conditionalAllLogsEveryPacketOfTheCaptures() throws IOException {
    Path dir = captures();
    String all = "outputs:\n  pcap-log: {enabled: yes, conditional: all}\n";
    List<String> every = frames(dir, null);
    Run single = run("all-single", all);
    assertEquals(0, single.code(), single.err());
    assertEquals(every, logged(single.logs().resolve("log.pcap")));
    Run autofp = run("all-autofp", all, "--runmode", "autofp", "--threads", "2");
    assertEquals(0, autofp.code(), autofp.err());
    assertEquals(every, logged(autofp.logs().resolve("log.pcap")));
    Map<String, Object> stats =
        org.vigil.testing.StatsJson.read(autofp.logs().resolve("stats.json"));
    assertEquals(
        every.size(), org.vigil.testing.StatsJson.number(stats, "stats.threading.output.packets"));
  }

  @Test
  void eachLinkTypeGetsItsOwnFileThatTsharkReads() throws Exception {
    Path nflog = CORPUS.resolve("pcaps/zeek/nflog-http.pcap");
    assumeTrue(Files.isRegularFile(nflog), "corpus not found at " + nflog.toAbsolutePath());
    assumeTrue(
        new ProcessBuilder("sh", "-c", "command -v tshark").start().waitFor() == 0,
        "tshark is not installed (bin/setup installs it)");
    Path dir = Files.createDirectories(tmp.resolve("captures"));
    Files.createSymbolicLink(
        dir.resolve("a-get.pcap"), ZEEK_HTTP.resolve("get.pcap").toAbsolutePath());
    Files.createSymbolicLink(dir.resolve("b-nflog-http.pcap"), nflog.toAbsolutePath());
    Run r =
        run(
            "links",
            "outputs:\n  pcap-log: {enabled: yes, conditional: all}\n",
            "--runmode",
            "workers",
            "--threads",
            "2");
    assertEquals(0, r.code(), r.err());
    // the first link type the output meets goes to log.pcap, the other to log.<link type>.pcap;
    // which one the two workers' frames bring first is theirs to decide (Ethernet 1, NFLOG 239)
    boolean ethernetFirst = Files.exists(r.logs().resolve("log.239.pcap"));
    Path ethernetLog = r.logs().resolve(ethernetFirst ? "log.pcap" : "log.1.pcap");
    Path nflogLog = r.logs().resolve(ethernetFirst ? "log.239.pcap" : "log.pcap");
    assertTrue(
        Files.exists(ethernetLog) && Files.exists(nflogLog),
        "two files, one per link type: " + ethernetLog + ", " + nflogLog);
    assertEquals(tshark(dir.resolve("a-get.pcap")), tshark(ethernetLog));
    assertEquals(tshark(nflog), tshark(nflogLog));
    assertEquals(frames(dir, null).size(), logged(ethernetLog).size() + logged(nflogLog).size());
  }

  /**
   * What tshark reads in a capture: per frame, its time, link type, lengths and protocols, in time
   * order.
   */
  private static List<String> tshark(Path capture) throws Exception {
    Process t =
        new ProcessBuilder(
                "tshark",
                "-r",
                capture.toString(),
                "-T",
                "fields",
                "-e",
                "frame.time_epoch",
                "-e",
                "frame.encap_type",
                "-e",
                "frame.len",
                "-e",
                "frame.cap_len",
                "-e",
                "frame.protocols")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> lines =
        new ArrayList<>(new String(t.getInputStream().readAllBytes()).lines().toList());
    assertEquals(0, t.waitFor(), "tshark reads " + capture);
    Collections.sort(lines);
    assertTrue(!lines.isEmpty(), "tshark found frames in " + capture);
    return lines;
  }

  @Test
  void badSettingsNameTheirKey() throws IOException {
    captures();
    Run cond = run("bad1", "outputs:\n  pcap-log: {enabled: yes, conditional: sometimes}\n");
    assertEquals(2, cond.code());
    assertTrue(
        cond.err()
            .contains("outputs.pcap-log.conditional: expected alerts or all, got 'sometimes'"),
        cond.err());
    Run key = run("bad2", "outputs:\n  pcap-log: {enabled: yes, limit: 10}\n");
    assertEquals(2, key.code());
    assertTrue(key.err().contains("outputs.pcap-log.limit: unknown setting"), key.err());
    Run router =
        run(
            "bad3",
            "threading:\n  runmode: custom\n  router: alerted\n  workers:\n    - {name: a}\n");
    assertEquals(2, router.code());
    assertTrue(
        router
            .err()
            .contains("threading.router: alerted sends packets to the pcap log, which is off"),
        router.err());
    Run missing =
        run("bad4", ALERTS + "threading:\n  runmode: custom\n  workers:\n    - {name: a}\n");
    assertEquals(2, missing.code());
    assertTrue(
        missing.err().contains("threading.router: outputs.pcap-log needs the packets with alerts"),
        missing.err());
  }

  /** The (capture file name, pcap_cnt) of every alert of eve.json that names a packet. */
  private static Set<String> alertedPackets(Path logs) throws IOException {
    Set<String> out = new HashSet<>();
    JsonFactory f = new JsonFactory();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      Map<String, Object> m = org.vigil.testing.StatsJson.parse(line);
      if ("alert".equals(m.get("event_type")) && m.get("pcap_cnt") != null) {
        out.add(
            Path.of(String.valueOf(m.get("pcap_filename"))).getFileName()
                + "#"
                + m.get("pcap_cnt"));
      }
    }
    return out;
  }

  /**
   * The frames (timestamp and bytes) of the packets {@code keys} names in the captures of {@code
   * dir}, or all.
   */
  private static List<String> frames(Path dir, Set<String> keys) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path c : CaptureReader.captures(dir)) {
      try (CaptureSource s = CaptureReader.open(c, new PathStats())) {
        Packet p = new Packet(65536);
        while (s.next(p)) {
          if (keys == null || keys.contains(c.getFileName() + "#" + p.pcapCnt())) {
            out.add(
                p.timestampNanos()
                    + " "
                    + p.linkType()
                    + " "
                    + p.wireLength()
                    + " "
                    + java.util.HexFormat.of().formatHex(p.data(), 0, p.length()));
          }
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  /** The frames of a pcap log, read with the project's reader. */
  static List<String> logged(Path log) throws IOException {
    return org.vigil.testing.PcapFrames.sorted(log);
  }
}
