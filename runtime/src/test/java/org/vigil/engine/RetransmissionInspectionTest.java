package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.testing.PacketBuilder.ACK;
import static org.vigil.testing.PacketBuilder.FIN;
import static org.vigil.testing.PacketBuilder.PSH;
import static org.vigil.testing.PacketBuilder.SYN;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.detect.RateLimiter;
import org.vigil.detect.Ruleset;
import org.vigil.output.AlertEvent;
import org.vigil.output.AppEvent;
import org.vigil.output.DropEvent;
import org.vigil.output.PcapFrame;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.testing.Json;
import org.vigil.testing.PacketBuilder;
import org.vigil.testing.PcapWriter;
import org.vigil.thread.AlertEventMapper;
import org.vigil.thread.module.DetectModule;
import org.vigil.thread.module.EventSink;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.ThreadContext;
import org.vigil.thread.module.VerdictModule;
import org.vigil.verdict.InlineEnforcer;
import org.vigil.verdict.Verdict;

/**
 * Retransmissions: a TCP segment sent again with the same sequence numbers and bytes before the
 * receiver ACKed it (a slow verdict, a lost ACK) carries no new stream data, so it is not inspected
 * again as stream data and raises no second alert, in inline and IDS stream mode; a flow a {@code
 * drop} rule dropped still drops the retransmission. A retransmission with other bytes is an
 * overlap resolved as before (inline: the first data wins and the segment is dropped).
 */
class RetransmissionInspectionTest {
  private static final String CLIENT = "10.0.0.1";
  private static final String SERVER = "10.0.0.2";
  private static final int CPORT = 40000;
  private static final int SPORT = 4444;
  private static final ClassificationConfig CLASSES = noClasses();

  @TempDir Path dir;

  private static ClassificationConfig noClasses() {
    try {
      return ClassificationConfig.parse("none", new StringReader(""));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Ruleset rules(String action) throws IOException {
    Path file = dir.resolve(action + ".rules");
    java.nio.file.Files.writeString(
        file,
        action
            + " tcp any any -> any any (msg:\"attack bytes\"; flow:to_server; content:\"ATTACK\"; sid:1; rev:1;)\n");
    ParseResult front =
        FrontEnd.parse(List.of(file), Variables.from(VigilConfig.load(null, List.of())), CLASSES);
    Compilation c = Compilation.run(front, CLASSES, action);
    assertEquals(List.of(), c.combined().errors());
    return c.backend().link();
  }

  /**
   * The flow's frames (raw IPv4): the handshake, "ATTACK" at index 3, at index 4 the same segment
   * again carrying {@code again}, then the server's ACK and the close.
   */
  static List<byte[]> frames(String again) {
    List<byte[]> f = new ArrayList<>();
    f.add(toServer(1000, 0, SYN, new byte[0], 64));
    f.add(toClient(5000, 1001, SYN | ACK));
    f.add(toServer(1001, 5001, ACK, new byte[0], 64));
    f.add(toServer(1001, 5001, PSH | ACK, "ATTACK".getBytes(StandardCharsets.US_ASCII), 64));
    f.add(toServer(1001, 5001, PSH | ACK, again.getBytes(StandardCharsets.US_ASCII), 64));
    f.add(toClient(5001, 1007, ACK));
    f.add(toServer(1007, 5001, FIN | ACK, new byte[0], 64));
    f.add(toClient(5001, 1008, FIN | ACK));
    f.add(toServer(1008, 5002, ACK, new byte[0], 64));
    return f;
  }

  private static VigilConfig config(String policy, boolean inline) {
    return VigilConfig.load(
        null,
        List.of(
            "host-os-policy." + policy + "=[" + SERVER + "/32]",
            "stream.inline=" + (inline ? "yes" : "no")));
  }

  @Test
  void anInlineChainDoesNotReinspectAnExactRetransmission() throws IOException {
    List<AlertEvent> alerts = new ArrayList<>();
    List<Verdict> verdicts =
        inlineChain(rules("alert"), config("first", true), frames("ATTACK"), alerts);
    assertEquals(java.util.Collections.nCopies(9, Verdict.ACCEPT), verdicts);
    assertEquals(List.of(1L), alerts.stream().map(AlertEvent::signatureId).toList());
  }

  @Test
  void aDroppedFlowStillDropsTheRetransmission() throws IOException {
    List<AlertEvent> alerts = new ArrayList<>();
    List<Verdict> verdicts =
        inlineChain(rules("drop"), config("first", true), frames("ATTACK"), alerts);
    List<Verdict> expected = new ArrayList<>(java.util.Collections.nCopies(9, Verdict.ACCEPT));
    for (int i = 3; i < 9; i++) {
      expected.set(i, Verdict.DROP);
    }
    assertEquals(expected, verdicts);
    assertEquals(List.of(1L), alerts.stream().map(AlertEvent::signatureId).toList());
  }

  @Test
  void anInlineChainDropsARetransmissionWithOtherBytes() throws IOException {
    List<AlertEvent> alerts = new ArrayList<>();
    List<Verdict> verdicts =
        inlineChain(rules("alert"), config("last", true), frames("XXXXXX"), alerts);
    List<Verdict> expected = new ArrayList<>(java.util.Collections.nCopies(9, Verdict.ACCEPT));
    expected.set(4, Verdict.DROP);
    assertEquals(expected, verdicts);
    assertEquals(List.of(1L), alerts.stream().map(AlertEvent::signatureId).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"first", "last", "linux", "windows"})
  void anIdsRunAlertsOnceOnAnExactRetransmission(String policy) throws IOException {
    List<String> alerts = new ArrayList<>();
    run(rules("alert"), frames("ATTACK"), config(policy, false), alerts);
    assertEquals(List.of("1@7"), alerts, "the ACKed data is inspected once, on the FIN");
  }

  /** A retransmission with other bytes: the receiver's overlap policy picks the stream's bytes. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"first,1@7", "last,''"})
  void anIdsRunResolvesARetransmissionWithOtherBytesByPolicy(String policy, String expected)
      throws IOException {
    List<String> alerts = new ArrayList<>();
    run(rules("alert"), frames("XXXXXX"), config(policy, false), alerts);
    assertEquals(expected.isEmpty() ? List.of() : List.of(expected), alerts);
  }

  private static byte[] toServer(int seq, int ack, int flags, byte[] payload, int ttl) {
    return PacketBuilder.ipv4(
        CLIENT,
        SERVER,
        6,
        1,
        0,
        false,
        ttl,
        new byte[0],
        PacketBuilder.tcp(CPORT, SPORT, seq, ack, flags, payload));
  }

  private static byte[] toClient(int seq, int ack, int flags) {
    return PacketBuilder.ipv4(
        SERVER,
        CLIENT,
        6,
        1,
        0,
        false,
        60,
        new byte[0],
        PacketBuilder.tcp(SPORT, CPORT, seq, ack, flags, new byte[0]));
  }

  /** Runs the capture; returns the alerts as "sid@pcap_cnt" and the stats.json tcp counters. */
  private Map<String, Object> run(
      Ruleset rules, List<byte[]> frames, VigilConfig cfg, List<String> alerts) throws IOException {
    PcapWriter w = PcapWriter.pcap(LinkTypes.RAW);
    long ts = 1_700_000_000_000_000L;
    for (byte[] f : frames) {
      w.packet(ts += 1000, f);
    }
    Path pcap = w.write(dir.resolve("retransmission.pcap"));
    Path logs = dir.resolve("logs");
    Map<String, Object> counters;
    try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
      counters =
          EngineAssembly.single(
                  rules,
                  cfg,
                  out,
                  new AlertEventMapper(CLASSES),
                  org.vigil.app.AppLayers.defaults())
              .run()
              .run(PacketSource.captures(pcap));
    }
    for (Map<String, Object> e : Json.readLines(logs.resolve("eve.json"))) {
      if ("alert".equals(e.get("event_type"))) {
        alerts.add(((Map<?, ?>) e.get("alert")).get("signature_id") + "@" + e.get("pcap_cnt"));
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> tcp = (Map<String, Object>) counters.get("tcp");
    return tcp;
  }

  /**
   * Each frame through the chain of an inline run (flow, verdict, detect), as a queue would hand
   * them in.
   */
  private List<Verdict> inlineChain(
      Ruleset rules, VigilConfig cfg, List<byte[]> frames, List<AlertEvent> alerts)
      throws IOException {
    EventSink sink =
        new EventSink() {
          @Override
          public void alert(AlertEvent event) {
            alerts.add(event);
          }

          @Override
          public void transaction(AppEvent event) {}

          @Override
          public void flow(org.vigil.output.FlowEvent event) {}

          @Override
          public void drop(DropEvent event) {}

          @Override
          public void packet(PcapFrame frame) {}
        };
    List<Verdict> out = new ArrayList<>();
    try (Outputs outputs = Outputs.open(dir.resolve("inline"), OutputConfig.DEFAULT)) {
      AlertEventMapper mapper = new AlertEventMapper(CLASSES);
      EngineAssembly engine =
          EngineAssembly.single(rules, cfg, outputs, mapper, org.vigil.app.AppLayers.defaults());
      VerdictModule verdicts =
          new VerdictModule(mapper, sink, new InlineEnforcer((v, b, l) -> {}, m -> {}));
      PathStats stats = new PathStats();
      ModuleChain chain =
          engine.chain(
              new ThreadContext("main", 0, stats),
              List.of("flow", "verdict", "detect"),
              "threading",
              sink,
              new RateLimiter(),
              false,
              verdicts);
      chain.find(DetectModule.class).divertMatches(verdicts);
      DecodePipeline decode = engine.decodeStage(stats, chain::process, false);
      chain.init();
      Packet frame = decode.acquire();
      long ts = 1_700_000_000_000_000_000L;
      for (byte[] f : frames) {
        verdicts.begin();
        frame.reset();
        System.arraycopy(f, 0, frame.ensureCapacity(f.length), 0, f.length);
        frame.setFrame(f.length, f.length, ts += 1_000_000, LinkTypes.RAW, 0, null);
        decode.process(frame);
        out.add(verdicts.decide(frame));
      }
      chain.deinit();
    }
    return out;
  }
}
