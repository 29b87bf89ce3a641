package org.vigil.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.testing.PacketBuilder;
import org.vigil.testing.PcapWriter;
import org.vigil.thread.AlertEventMapper;

/** Captures made for the workers' record tests, and single / workers runs over them. */
final class WorkersRecordRuns {
  static final int ACK = 0x10;
  static final int PSH_ACK = 0x18;
  static final int SYN = 0x02;
  static final int SYN_ACK = 0x12;
  static final int FIN_ACK = 0x11;

  private WorkersRecordRuns() {}

  /** Frames of a capture, one millisecond apart. */
  static final class Capture {
    private final PcapWriter w = PcapWriter.pcap(1);
    private long ts = 1_700_000_000_000_000L;

    void add(byte[] ip) {
      ts += 1000;
      w.packet(ts, PacketBuilder.ethernet(0x0800, ip));
    }

    /** Capture time jumps {@code seconds} ahead. */
    void skip(long seconds) {
      ts += seconds * 1_000_000L;
    }

    Path write(Path file) throws IOException {
      return w.write(file);
    }
  }

  /** A TCP connection of a capture, every segment acknowledged at once. */
  static final class Tcp {
    private final Capture c;
    private final String client;
    private final int clientPort;
    private final String server;
    private final int serverPort;
    private int clientSeq = 1000;
    private int serverSeq = 5000;

    Tcp(Capture c, String client, int clientPort, String server, int serverPort) {
      this.c = c;
      this.client = client;
      this.clientPort = clientPort;
      this.server = server;
      this.serverPort = serverPort;
    }

    void open() {
      c.add(segment(client, clientPort, server, serverPort, clientSeq++, 0, SYN, ""));
      c.add(segment(server, serverPort, client, clientPort, serverSeq++, clientSeq, SYN_ACK, ""));
      c.add(segment(client, clientPort, server, serverPort, clientSeq, serverSeq, ACK, ""));
    }

    void client(String text) {
      c.add(segment(client, clientPort, server, serverPort, clientSeq, serverSeq, PSH_ACK, text));
      clientSeq += text.length();
      c.add(segment(server, serverPort, client, clientPort, serverSeq, clientSeq, ACK, ""));
    }

    void server(String text) {
      c.add(segment(server, serverPort, client, clientPort, serverSeq, clientSeq, PSH_ACK, text));
      serverSeq += text.length();
      c.add(segment(client, clientPort, server, serverPort, clientSeq, serverSeq, ACK, ""));
    }

    /** Acknowledgements of data sent from now on: none (each side acknowledges what it had). */
    private int ackedClient = -1;

    private int ackedServer = -1;

    /**
     * From now on neither side acknowledges the other's data: every later segment acknowledges only
     * what came before this call.
     */
    void stopAcking() {
      ackedClient = clientSeq;
      ackedServer = serverSeq;
    }

    /** The client sends {@code text}, not acknowledged (see {@link #stopAcking}). */
    void clientUnacked(String text) {
      c.add(
          segment(
              client,
              clientPort,
              server,
              serverPort,
              clientSeq,
              ackedServer < 0 ? serverSeq : ackedServer,
              PSH_ACK,
              text));
      clientSeq += text.length();
    }

    /** As {@link #clientUnacked}, from the server. */
    void serverUnacked(String text) {
      c.add(
          segment(
              server,
              serverPort,
              client,
              clientPort,
              serverSeq,
              ackedClient < 0 ? clientSeq : ackedClient,
              PSH_ACK,
              text));
      serverSeq += text.length();
    }

    void close() {
      c.add(segment(server, serverPort, client, clientPort, serverSeq++, clientSeq, FIN_ACK, ""));
      c.add(segment(client, clientPort, server, serverPort, clientSeq++, serverSeq, FIN_ACK, ""));
      c.add(segment(server, serverPort, client, clientPort, serverSeq, clientSeq, ACK, ""));
    }
  }

  static byte[] segment(
      String src, int sport, String dst, int dport, int seq, int ack, int flags, String text) {
    return PacketBuilder.ipv4(
        src,
        dst,
        6,
        PacketBuilder.tcp(sport, dport, seq, ack, flags, text.getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * A run of {@code mode} over {@code capture} (a folder: its files in name order); a {@code
   * workers} run without {@code claims} routes by the static flow hash ({@code
   * threading.flow-owner: flow-hash}); {@code settings} are {@code key=value} configuration
   * settings.
   */
  static Path run(
      Ruleset rules,
      ClassificationConfig classes,
      Path tmp,
      String mode,
      Integer threads,
      Path capture,
      boolean claims,
      String... settings)
      throws IOException {
    List<Path> captures;
    if (Files.isDirectory(capture)) {
      try (var files = Files.list(capture)) {
        captures = files.sorted().toList();
      }
    } else {
      captures = List.of(capture);
    }
    return run(rules, classes, tmp, mode, threads, captures, claims, settings);
  }

  /** A run of {@code mode} over {@code captures} in their order (see the folder's run above). */
  static Path run(
      Ruleset rules,
      ClassificationConfig classes,
      Path tmp,
      String mode,
      Integer threads,
      List<Path> captures,
      boolean claims,
      String... settings)
      throws IOException {
    Path logs = Files.createTempDirectory(tmp, mode + threads);
    List<String> set = new ArrayList<>(List.of(settings));
    if (!claims) {
      set.add("threading.flow-owner=flow-hash");
    }
    VigilConfig cfg = VigilConfig.load(null, set);
    ThreadLayout layout = ThreadLayout.from(cfg, mode, threads);
    OutputConfig outputs = OutputConfig.fromYaml(Map.of(), logs);
    try (Outputs out = Outputs.open(logs, outputs)) {
      EngineAssembly engine =
          new EngineAssembly(
              rules,
              cfg,
              out,
              new AlertEventMapper(classes),
              org.vigil.app.AppLayers.defaults(),
              layout,
              WorkersRecordRuns.class.getClassLoader());
      engine.run().run(PacketSource.captures(captures));
    }
    return logs;
  }

  /** The records of eve.json but stats, sorted. */
  static List<String> records(Path logs) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      if (!line.contains("\"event_type\":\"stats\"")) {
        out.add(line);
      }
    }
    Collections.sort(out);
    return out;
  }

  /** The decoded packet of frame-less IPv4 datagram {@code ip}. */
  static org.vigil.decode.Packet decoded(byte[] ip) {
    byte[] frame = PacketBuilder.ethernet(0x0800, ip);
    org.vigil.decode.Packet p = new org.vigil.decode.Packet(frame.length);
    System.arraycopy(frame, 0, p.data(), 0, frame.length);
    p.setFrame(
        frame.length, frame.length, 1_000_000_000L, org.vigil.decode.LinkTypes.ETHERNET, 1, "test");
    new org.vigil.decode.Decoder(
            org.vigil.decode.DecodeConfig.defaults(), new org.vigil.decode.PathStats())
        .decode(p);
    return p;
  }
}
