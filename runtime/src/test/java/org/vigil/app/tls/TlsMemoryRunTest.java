package org.vigil.app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.app.AppLayers;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.engine.EngineAssembly;
import org.vigil.engine.PacketSource;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.testing.Json;
import org.vigil.testing.TcpConversation;
import org.vigil.thread.AlertEventMapper;

/**
 * A hand-written TLS capture whose server announces a 2 MiB Certificate message and sends 320 KiB
 * of it: with the default configuration the message is longer than {@code
 * app-layer.protocols.tls.max-handshake-size} (1mb) and skipped, nothing buffered, counted in
 * stats' {@code tls.handshake_oversized}; with a larger limit and a 128kb {@code
 * app-layer.protocols.tls.memcap} it is gathered until the memcap has no room, the parsing of the
 * flow ends and {@code tls.memcap} counts it. Either way the client's SNI still alerts and nothing
 * stays counted once the flow ended.
 */
class TlsMemoryRunTest {
  @TempDir Path dir;

  private static final String RULES =
      "alert tls any any -> any any (msg:\"sni\"; tls.sni; content:\"big.example\"; sid:1;)\n";

  /** Handshake records (version 3.3) carrying {@code bytes}, one per 16 KiB. */
  private static List<byte[]> records(byte[] bytes) {
    List<byte[]> out = new java.util.ArrayList<>();
    for (int p = 0; p < bytes.length; p += 1 << 14) {
      int n = Math.min(1 << 14, bytes.length - p);
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      o.writeBytes(new byte[] {TlsRecordTypes.HANDSHAKE, 3, 3, (byte) (n >> 8), (byte) n});
      o.write(bytes, p, n);
      out.add(o.toByteArray());
    }
    return out;
  }

  /** A handshake message header of {@code type} announcing {@code length} bytes, then the body. */
  private static byte[] message(int type, int length, byte[] body) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(
        new byte[] {(byte) type, (byte) (length >> 16), (byte) (length >> 8), (byte) length});
    o.writeBytes(body);
    return o.toByteArray();
  }

  /** A ClientHello (TLS 1.2, one cipher suite) whose server_name extension names {@code sni}. */
  private static byte[] clientHello(String sni) {
    byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    ext.writeBytes(new byte[] {0, 0}); // server_name
    int listLen = 3 + name.length;
    ext.writeBytes(
        new byte[] {0, (byte) (listLen + 2), 0, (byte) listLen, 0, 0, (byte) name.length});
    ext.writeBytes(name);
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(new byte[] {3, 3});
    m.writeBytes(new byte[32]);
    m.write(0); // session id
    m.writeBytes(new byte[] {0, 2, (byte) 0xc0, 0x2f}); // one cipher suite
    m.writeBytes(new byte[] {1, 0}); // compression: null
    m.write(ext.size() >> 8);
    m.write(ext.size() & 0xFF);
    m.writeBytes(ext.toByteArray());
    return records(message(1, m.size(), m.toByteArray())).get(0);
  }

  /** A ServerHello choosing TLS 1.2 (no session id, no extensions). */
  private static byte[] serverHello() {
    byte[] body = new byte[2 + 32 + 1 + 2 + 1];
    body[0] = 3;
    body[1] = 3;
    body[35] = (byte) 0xc0;
    body[36] = 0x2f;
    return message(2, body.length, body);
  }

  /**
   * The capture: the client hello, then the server hello and a Certificate message announcing 2 MiB
   * of which 320 KiB arrive, one record per segment.
   */
  private Path capture() throws IOException {
    TcpConversation t = new TcpConversation("10.0.0.1", "10.0.0.2", 443);
    t.client(clientHello("big.example"));
    ByteArrayOutputStream flight = new ByteArrayOutputStream();
    flight.writeBytes(serverHello());
    flight.writeBytes(message(11, 2 << 20, new byte[320 << 10]));
    for (byte[] r : records(flight.toByteArray())) {
      t.server(r);
    }
    return t.close(dir.resolve("big-handshake.pcap"));
  }

  private record Result(Map<String, Object> tls, long sniAlerts) {}

  @SuppressWarnings("unchecked")
  private Result run(List<String> sets) throws IOException {
    Path pcap = capture();
    Path rules = Files.writeString(dir.resolve("t.rules"), RULES);
    VigilConfig cfg = VigilConfig.load(null, sets);
    ClassificationConfig classes = ClassificationConfig.load(cfg.classificationFile());
    ParseResult front = FrontEnd.parse(List.of(rules), Variables.from(cfg), classes);
    Ruleset ruleset =
        Compilation.run(front, classes, RulesetCompiler.sourceHash(List.of(rules)))
            .backend()
            .link();
    Path logs = Files.createDirectories(dir.resolve("logs-" + sets.size()));
    Map<String, Object> counters;
    try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
      counters =
          EngineAssembly.single(
                  ruleset,
                  cfg,
                  out,
                  new AlertEventMapper(classes),
                  AppLayers.load(cfg, TlsMemoryRunTest.class.getClassLoader()))
              .run()
              .run(PacketSource.captures(List.of(pcap)));
    }
    long alerts =
        Json.readLines(logs.resolve("eve.json")).stream()
            .filter(e -> "alert".equals(e.get("event_type")))
            .count();
    return new Result((Map<String, Object>) counters.get("tls"), alerts);
  }

  private static long n(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).longValue();
  }

  @Test
  void byDefaultAMessageLongerThanOneMibIsSkippedAndCounted() throws IOException {
    Result r = run(List.of());
    assertEquals(1, n(r.tls(), "handshake_oversized"), r.tls().toString());
    assertEquals(0, n(r.tls(), "memcap"));
    assertEquals(0, n(r.tls(), "memuse_peak"), "one record per segment: nothing gathered");
    assertEquals(0, n(r.tls(), "memuse"));
    assertEquals(1, r.sniAlerts());
  }

  @Test
  void aMessageTheMemcapHasNoRoomForEndsTheParsingAndIsCounted() throws IOException {
    Result r =
        run(
            List.of(
                "app-layer.protocols.tls.max-handshake-size=4mb",
                "app-layer.protocols.tls.memcap=128kb"));
    assertEquals(0, n(r.tls(), "handshake_oversized"), r.tls().toString());
    assertEquals(1, n(r.tls(), "memcap"));
    long peak = n(r.tls(), "memuse_peak");
    assertTrue(peak > 64 << 10 && peak <= 128 << 10, "gathered up to the memcap: " + peak);
    assertEquals(0, n(r.tls(), "memuse"), "given back when the parsing ended");
    assertEquals(1, r.sniAlerts());
  }
}
