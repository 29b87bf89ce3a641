package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.ACK;
import static org.vigil.testing.PacketBuilder.FIN;
import static org.vigil.testing.PacketBuilder.PSH;
import static org.vigil.testing.PacketBuilder.SYN;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.detect.Detector;
import org.vigil.detect.RateLimiter;
import org.vigil.detect.Ruleset;
import org.vigil.output.AlertEvent;
import org.vigil.output.AppEvent;
import org.vigil.output.DropEvent;
import org.vigil.output.PcapFrame;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.testing.PacketBuilder;
import org.vigil.thread.AlertEventMapper;
import org.vigil.thread.module.DetectModule;
import org.vigil.thread.module.EventSink;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.ThreadContext;

/**
 * Raw stream chunks that take the kept scans of their packets instead of scanning those bytes again
 * alert exactly as chunks scanned whole: over random TCP conversations, segmented at random, with
 * patterns across segment seams, retransmissions, segments out of order, and overlapping segments
 * whose bytes differ (resolved by each receiver policy, so the stream's bytes are not always the
 * packet's), with and without an HTTP app layer.
 */
class StreamScanReuseTest {
  private static final String CLIENT = "10.0.0.1";
  private static final String SERVER = "10.0.0.2";
  private static final int CPORT = 40000;
  private static final String[] POLICIES = {
    "first", "last", "linux", "old-linux", "bsd", "solaris", "hpux11"
  };
  private static final String[] WORDS = {
    "ATTACK", "evil", "cmd.exe", "secret", "zz", "GET /", "a-rather-long-pattern-across-seams-0123"
  };

  @TempDir Path dir;
  private int runs;

  private static final String RULES =
      """
      alert tcp any any -> any any (msg:"a"; flow:to_server; content:"ATTACK"; sid:1;)
      alert tcp any any -> any any (msg:"b"; content:"evil"; content:"cmd.exe"; distance:0; sid:2;)
      alert tcp any any -> any any (msg:"c"; content:"GET /"; depth:5; sid:3;)
      alert tcp any any -> any any (msg:"d"; content:"secret"; offset:10; depth:300; sid:4;)
      alert tcp any any -> any any (msg:"e"; content:"zz"; dsize:<40; sid:5;)
      alert tcp any any -> any any (msg:"f"; content:"a-rather-long-pattern-across-seams-0123"; sid:6;)
      alert tcp any any -> any any (msg:"g"; flow:to_client; content:"secret"; sid:7;)
      alert tcp any any -> any any (msg:"h"; content:"ATTACK"; offset:500; sid:8;)
      alert http any any -> any any (msg:"i"; http.uri; content:"/x"; content:"evil"; sid:9;)
      alert tcp any 80 -> any any (msg:"j"; flow:to_client; content:"HTTP/1.1 200"; depth:12; sid:10;)
      """;

  private Ruleset rules() throws IOException {
    Path file = dir.resolve("reuse.rules");
    Files.writeString(file, RULES);
    ClassificationConfig none = ClassificationConfig.parse("none", new StringReader(""));
    ParseResult front =
        FrontEnd.parse(List.of(file), Variables.from(VigilConfig.load(null, List.of())), none);
    Compilation c = Compilation.run(front, none, "reuse");
    assertEquals(List.of(), c.combined().errors());
    return c.backend().link();
  }

  @Test
  void chunksTakingTheirPacketsScansAlertAsChunksScannedWhole() throws IOException {
    Ruleset rules = rules();
    Random rnd = new Random(2026);
    int alerts = 0;
    long saved = 0;
    for (int round = 0; round < 48; round++) {
      String policy = POLICIES[round % POLICIES.length];
      VigilConfig cfg =
          VigilConfig.load(null, List.of("host-os-policy." + policy + "=[10.0.0.0/24]"));
      int port = round % 3 == 0 ? 4444 : 80;
      List<byte[]> frames = new Conversation(rnd, port).frames();
      List<String> whole = new ArrayList<>();
      run(rules, cfg, frames, false, whole);
      List<String> taken = new ArrayList<>();
      saved += run(rules, cfg, frames, true, taken);
      assertEquals(whole, taken, "round " + round + ", policy " + policy + ", port " + port);
      alerts += taken.size();
    }
    assertTrue(alerts > 200, "alerts: " + alerts);
    assertTrue(saved > 50_000, "chunk bytes taken from packets: " + saved);
  }

  /** Runs the frames; adds the alerts as "sid time src>dst"; returns the chunk bytes taken. */
  private long run(
      Ruleset rules, VigilConfig cfg, List<byte[]> frames, boolean keep, List<String> alerts)
      throws IOException {
    EventSink sink =
        new EventSink() {
          @Override
          public void alert(AlertEvent e) {
            alerts.add(
                e.signatureId()
                    + " "
                    + e.header().timestampNanos()
                    + " "
                    + e.header().srcPort()
                    + ">"
                    + e.header().destPort());
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
    try (Outputs outputs = Outputs.open(dir.resolve("run" + runs++), OutputConfig.DEFAULT)) {
      ClassificationConfig none = ClassificationConfig.parse("none", new StringReader(""));
      EngineAssembly engine =
          EngineAssembly.single(
              rules, cfg, outputs, new AlertEventMapper(none), org.vigil.app.AppLayers.defaults());
      PathStats stats = new PathStats();
      ModuleChain chain =
          engine.chain(
              new ThreadContext("main", 0, stats),
              List.of("flow", "detect"),
              "threading",
              sink,
              new RateLimiter(),
              false,
              null);
      DecodePipeline decode = engine.decodeStage(stats, chain::process, false);
      chain.init();
      Detector detector = chain.find(DetectModule.class).detector();
      detector.keepStreamHits(keep);
      Packet frame = decode.acquire();
      long ts = 1_700_000_000_000_000_000L;
      for (byte[] f : frames) {
        frame.reset();
        System.arraycopy(f, 0, frame.ensureCapacity(f.length), 0, f.length);
        frame.setFrame(f.length, f.length, ts += 1_000_000, LinkTypes.RAW, 0, null);
        decode.process(frame);
      }
      chain.deinit();
      return detector.streamScanBytesSaved();
    }
  }

  /** One random conversation's frames (raw IPv4): handshake, data both ways, close. */
  private static final class Conversation {
    private final Random rnd;
    private final int port;
    private final List<byte[]> frames = new ArrayList<>();
    private final byte[][] data = new byte[2][];
    private final int[] isn = {1000, 5000};
    private final int[] sent = new int[2];

    Conversation(Random rnd, int port) {
      this.rnd = rnd;
      this.port = port;
      data[0] = stream(port == 80 ? "GET /x/evil HTTP/1.1\r\nHost: a\r\n\r\n" : "");
      data[1] = stream(port == 80 ? "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" : "");
    }

    private byte[] stream(String start) {
      StringBuilder b = new StringBuilder(start);
      int n = 100 + rnd.nextInt(rnd.nextBoolean() ? 1500 : 9000);
      while (b.length() < n) {
        b.append(
            rnd.nextInt(4) == 0 ? WORDS[rnd.nextInt(WORDS.length)] : (char) ('a' + rnd.nextInt(5)));
      }
      return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Other bytes for an overlap: other letters, and patterns where the stream may have none. */
    private byte[] random(int n) {
      StringBuilder b = new StringBuilder();
      while (b.length() < n) {
        b.append(
            rnd.nextInt(3) == 0 ? WORDS[rnd.nextInt(WORDS.length)] : (char) ('f' + rnd.nextInt(5)));
      }
      return b.substring(0, n).getBytes(StandardCharsets.ISO_8859_1);
    }

    List<byte[]> frames() {
      send(0, isn[0], 0, SYN, new byte[0]);
      send(1, isn[1], isn[0] + 1, SYN | ACK, new byte[0]);
      send(0, isn[0] + 1, isn[1] + 1, ACK, new byte[0]);
      while (sent[0] < data[0].length || sent[1] < data[1].length) {
        int d = sent[0] >= data[0].length ? 1 : sent[1] >= data[1].length ? 0 : rnd.nextInt(2);
        step(d);
      }
      send(0, seq(0, sent[0]), seq(1, sent[1]), ACK, new byte[0]);
      send(1, seq(1, sent[1]), seq(0, sent[0]), ACK, new byte[0]);
      send(0, seq(0, sent[0]), seq(1, sent[1]), FIN | ACK, new byte[0]);
      send(1, seq(1, sent[1]), seq(0, sent[0]) + 1, FIN | ACK, new byte[0]);
      send(0, seq(0, sent[0]) + 1, seq(1, sent[1]) + 1, ACK, new byte[0]);
      return frames;
    }

    private int seq(int d, int offset) {
      return isn[d] + 1 + offset;
    }

    /** One segment (or two) of direction {@code d}, maybe repeating or overlapping bytes. */
    private void step(int d) {
      byte[] b = data[d];
      int left = b.length - sent[d];
      int len = Math.min(left, 1 + rnd.nextInt(rnd.nextBoolean() ? 80 : 1400));
      int kind = rnd.nextInt(16);
      if (kind == 0 && sent[d] > 0) {
        int from = Math.max(0, sent[d] - 1 - rnd.nextInt(1400));
        segment(d, from, java.util.Arrays.copyOfRange(b, from, sent[d])); // same bytes again
      } else if (kind == 1 && sent[d] > 0) {
        int from = Math.max(0, sent[d] - 1 - rnd.nextInt(200));
        segment(d, from, random(Math.min(sent[d] + rnd.nextInt(100), b.length) - from));
      } else if (kind == 2 && left > 1) {
        int first = Math.max(1, len / 2);
        int end = Math.min(b.length, sent[d] + len + 1);
        segment(d, sent[d] + first, java.util.Arrays.copyOfRange(b, sent[d] + first, end));
        segment(d, sent[d], java.util.Arrays.copyOfRange(b, sent[d], sent[d] + first));
        sent[d] = end;
      } else if (kind == 3 && left > 20) {
        int ahead = 1 + rnd.nextInt(left - 10);
        segment(d, sent[d] + ahead, random(Math.min(left - ahead, 1 + rnd.nextInt(60))));
      } else {
        segment(d, sent[d], java.util.Arrays.copyOfRange(b, sent[d], sent[d] + len));
        sent[d] += len;
      }
      if (rnd.nextInt(3) == 0) {
        // the peer acknowledges what it has in order
        send(1 - d, seq(1 - d, sent[1 - d]), seq(d, sent[d]), ACK, new byte[0]);
      }
    }

    private void segment(int d, int offset, byte[] payload) {
      send(d, seq(d, offset), seq(1 - d, sent[1 - d]), PSH | ACK, payload);
    }

    private void send(int d, int seq, int ack, int flags, byte[] payload) {
      String src = d == 0 ? CLIENT : SERVER;
      String dst = d == 0 ? SERVER : CLIENT;
      int sport = d == 0 ? CPORT : port;
      int dport = d == 0 ? port : CPORT;
      frames.add(
          PacketBuilder.ipv4(
              src,
              dst,
              6,
              1,
              0,
              false,
              64,
              new byte[0],
              PacketBuilder.tcp(sport, dport, seq, ack, flags, payload)));
    }
  }
}
