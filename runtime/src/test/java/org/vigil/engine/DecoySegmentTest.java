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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
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
import org.vigil.stream.policy.TargetPolicies;
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
 * Decoy segments: a TCP segment carrying other bytes at the sequence numbers of the real one, sent
 * before or after it, that the receiver never accepts — its checksum is bad (with {@code
 * checksums.validate}) or its TTL expires before the receiver (more than {@code stream.ttl-delta}
 * below the sender's first TTL). Whatever the receiver's overlap policy, in IDS and inline stream
 * mode, the rule on the real bytes alerts on the packet that completes the stream and the decoy is
 * counted; on an inline chain the TTL decoy is dropped and the real data forwarded.
 */
class DecoySegmentTest {
  private static final String CLIENT = "10.0.0.1";
  private static final String SERVER = "10.0.0.2";
  private static final int CPORT = 40000;
  private static final int SPORT = 4444;
  private static final ClassificationConfig CLASSES = noClasses();
  private static Ruleset rules;

  @TempDir Path dir;

  enum Decoy {
    BAD_CHECKSUM,
    LOW_TTL
  }

  private static ClassificationConfig noClasses() {
    try {
      return ClassificationConfig.parse("none", new StringReader(""));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String policy : TargetPolicies.names()) {
      for (Decoy d : Decoy.values()) {
        for (boolean before : new boolean[] {true, false}) {
          for (boolean inline : new boolean[] {false, true}) {
            out.add(Arguments.of(policy, d, before, inline));
          }
        }
      }
    }
    return out.stream();
  }

  private static synchronized Ruleset rules(Path dir) throws IOException {
    if (rules == null) {
      Path file = dir.resolve("decoy.rules");
      java.nio.file.Files.writeString(
          file,
          "alert tcp any any -> any any (msg:\"attack bytes\"; flow:to_server; content:\"ATTACK\"; sid:1; rev:1;)\n");
      ParseResult front =
          FrontEnd.parse(List.of(file), Variables.from(VigilConfig.load(null, List.of())), CLASSES);
      Compilation c = Compilation.run(front, CLASSES, "decoy");
      assertEquals(List.of(), c.combined().errors());
      rules = c.backend().link();
    }
    return rules;
  }

  /**
   * The flow's frames (raw IPv4): "ATT", then "ACK" in its own segment (no packet holds the whole
   * pattern), with the decoy "XXX" at the sequence numbers of "ACK" at index 4 (before the real
   * data) or 5 (after it).
   */
  static List<byte[]> frames(Decoy decoy, boolean before) {
    byte[] other = "XXX".getBytes(StandardCharsets.US_ASCII);
    byte[] fake =
        decoy == Decoy.LOW_TTL
            ? toServer(1004, 5001, PSH | ACK, other, 2)
            : badChecksum(toServer(1004, 5001, PSH | ACK, other, 64));
    byte[] real = toServer(1004, 5001, PSH | ACK, "ACK".getBytes(StandardCharsets.US_ASCII), 64);
    List<byte[]> f = new ArrayList<>();
    f.add(toServer(1000, 0, SYN, new byte[0], 64));
    f.add(toClient(5000, 1001, SYN | ACK));
    f.add(toServer(1001, 5001, ACK, new byte[0], 64));
    f.add(toServer(1001, 5001, PSH | ACK, "ATT".getBytes(StandardCharsets.US_ASCII), 64));
    f.add(before ? fake : real);
    f.add(before ? real : fake);
    f.add(toClient(5001, 1007, ACK));
    f.add(toServer(1007, 5001, FIN | ACK, new byte[0], 64));
    f.add(toClient(5001, 1008, FIN | ACK));
    f.add(toServer(1008, 5002, ACK, new byte[0], 64));
    return f;
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

  private static byte[] badChecksum(byte[] ip) {
    ip[20 + 16] ^= 0x5a;
    return ip;
  }

  private static VigilConfig config(String policy, boolean inline, boolean validate) {
    return VigilConfig.load(
        null,
        List.of(
            "host-os-policy." + policy + "=[" + SERVER + "/32]",
            "checksums.validate=" + (validate ? "yes" : "no"),
            "stream.inline=" + (inline ? "yes" : "no")));
  }

  /** Runs the capture; returns the alerts as "sid@pcap_cnt" and the stats.json tcp counters. */
  private Map<String, Object> run(List<byte[]> frames, VigilConfig cfg, List<String> alerts)
      throws IOException {
    PcapWriter w = PcapWriter.pcap(LinkTypes.RAW);
    long ts = 1_700_000_000_000_000L;
    for (byte[] f : frames) {
      w.packet(ts += 1000, f);
    }
    Path pcap = w.write(dir.resolve("decoy.pcap"));
    Path logs = dir.resolve("logs");
    Map<String, Object> counters;
    try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
      counters =
          EngineAssembly.single(
                  rules(dir),
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

  @ParameterizedTest(name = "{0} {1} before={2} inline={3}")
  @MethodSource("cases")
  void theDecoyNeverEntersTheStreamTheRulesSee(
      String policy, Decoy decoy, boolean before, boolean inline) throws IOException {
    List<String> alerts = new ArrayList<>();
    Map<String, Object> tcp = run(frames(decoy, before), config(policy, inline, true), alerts);
    // IDS: the ACKed data is inspected on the next packet of its direction (the FIN, packet 8);
    // inline on the
    // packet that completes it (packet 6 or 5)
    String packet = inline ? (before ? "6" : "5") : "8";
    assertEquals(List.of("1@" + packet), alerts, "the real bytes alert once");
    assertEquals(decoy == Decoy.BAD_CHECKSUM ? 1L : 0L, tcp.get("invalid_checksum"));
    assertEquals(decoy == Decoy.LOW_TTL ? 1L : 0L, tcp.get("ttl_decoy"));
  }

  /**
   * Without the guards the decoy hides the attack: sent first from a stream whose receiver keeps
   * the first data, sent after from one whose receiver keeps the last.
   */
  @ParameterizedTest(name = "{0} {1} before={2}")
  @CsvSource({
    "first,LOW_TTL,true",
    "last,LOW_TTL,false",
    "first,BAD_CHECKSUM,true",
    "last,BAD_CHECKSUM,false"
  })
  void withoutTheGuardsTheDecoyHidesTheAttack(String policy, Decoy decoy, boolean before)
      throws IOException {
    List<String> alerts = new ArrayList<>();
    VigilConfig cfg =
        VigilConfig.load(
            null,
            List.of(
                "host-os-policy." + policy + "=[" + SERVER + "/32]",
                "checksums.validate=no",
                "stream.ttl-delta=0",
                "stream.inline=no"));
    Map<String, Object> tcp = run(frames(decoy, before), cfg, alerts);
    assertEquals(List.of(), alerts);
    assertEquals(0L, tcp.get("ttl_decoy"));
    assertEquals(0L, tcp.get("invalid_checksum"));
  }

  /**
   * An inline chain drops the TTL decoy alone and forwards the real data, whichever comes first.
   */
  @ParameterizedTest(name = "{0} before={1}")
  @MethodSource("inlineCases")
  void anInlineChainDropsTheTtlDecoy(String policy, boolean before) throws IOException {
    List<AlertEvent> alerts = new ArrayList<>();
    List<Verdict> verdicts =
        inlineChain(config(policy, true, true), frames(Decoy.LOW_TTL, before), alerts);
    List<Verdict> expected = new ArrayList<>(java.util.Collections.nCopies(10, Verdict.ACCEPT));
    expected.set(before ? 4 : 5, Verdict.DROP);
    assertEquals(expected, verdicts);
    assertEquals(1, alerts.size());
    assertEquals(1L, alerts.get(0).signatureId());
  }

  /**
   * An inline chain drops a segment whose overlapping bytes differ from the data inspected for
   * them.
   */
  @Test
  void anInlineChainDropsARewrittenOverlap() throws IOException {
    List<byte[]> frames = frames(Decoy.LOW_TTL, true);
    frames.set(4, toServer(1004, 5001, PSH | ACK, "XXX".getBytes(StandardCharsets.US_ASCII), 64));
    List<AlertEvent> alerts = new ArrayList<>();
    List<Verdict> verdicts = inlineChain(config("last", true, true), frames, alerts);
    List<Verdict> expected = new ArrayList<>(java.util.Collections.nCopies(10, Verdict.ACCEPT));
    expected.set(5, Verdict.DROP);
    assertEquals(expected, verdicts);
    assertEquals(List.of(), alerts, "the first data (forwarded) is what was inspected");
  }

  static Stream<Arguments> inlineCases() {
    return TargetPolicies.names().stream()
        .flatMap(p -> Stream.of(Arguments.of(p, true), Arguments.of(p, false)));
  }

  /**
   * Each frame through the chain of an inline run (flow, verdict, detect), as a queue would hand
   * them in.
   */
  private List<Verdict> inlineChain(VigilConfig cfg, List<byte[]> frames, List<AlertEvent> alerts)
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
          EngineAssembly.single(
              rules(dir), cfg, outputs, mapper, org.vigil.app.AppLayers.defaults());
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
