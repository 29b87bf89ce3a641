package org.vigil.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.vigil.output.AlertEvent;
import org.vigil.output.log.AlertLogReader;
import org.vigil.testing.Json;
import org.vigil.testing.TcpConversation;
import org.vigil.thread.AlertEventMapper;

/**
 * A run over a hand-written HTTP capture whose 6 MiB response body an alert logs (http-body on, a
 * 16mb response-body-limit and no stream depth): the alert's record would not fit a block of the
 * durable alert log, so its body is cut; eve.json, fast.log and the log all have the alert, marked
 * {@code payload_truncated}, and stats count it once.
 */
class LargeAlertRunTest {
  @TempDir Path dir;

  private static final String RULES =
      "alert http any any -> any any (msg:\"big body\"; flow:established,to_client;"
          + " http.response_body; content:\"ENDMARK\"; sid:1000001;)\n";

  private Path capture() throws IOException {
    byte[] body = new byte[6 << 20];
    Arrays.fill(body, (byte) 'A');
    byte[] end = "ENDMARK\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(end, 0, body, body.length - end.length, end.length);
    TcpConversation t = new TcpConversation("10.0.0.1", "10.0.0.2", 80);
    t.client("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    t.server(
        ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    for (int p = 0; p < body.length; p += 1448) {
      t.server(Arrays.copyOfRange(body, p, Math.min(body.length, p + 1448)));
    }
    return t.close(dir.resolve("big-body.pcap"));
  }

  @Test
  void anAlertLoggingASixMebibyteBodyIsKeptEverywhereItsBodyCut() throws IOException {
    Path pcap = capture();
    Path rules = Files.writeString(dir.resolve("t.rules"), RULES);
    VigilConfig cfg =
        VigilConfig.load(
            null,
            List.of(
                "stream.reassembly.depth=0",
                "app-layer.protocols.http.libhtp.default-config.response-body-limit=16mb",
                "app-layer.protocols.http.libhtp.default-config.response-body-inspect-window=16mb"));
    ClassificationConfig classes = ClassificationConfig.load(cfg.classificationFile());
    ParseResult front = FrontEnd.parse(List.of(rules), Variables.from(cfg), classes);
    Ruleset ruleset =
        Compilation.run(front, classes, RulesetCompiler.sourceHash(List.of(rules)))
            .backend()
            .link();
    Path logs = Files.createDirectories(dir.resolve("logs"));
    OutputConfig outputs =
        OutputConfig.fromYaml(
            List.of(
                Map.of("fast", Map.of("enabled", "yes")),
                Map.of(
                    "eve-log",
                    Map.of(
                        "enabled",
                        "yes",
                        "types",
                        List.of(Map.of("alert", Map.of("http-body-printable", "yes")))))),
            logs);
    Map<String, Object> own;
    try (Outputs out = Outputs.open(logs, outputs)) {
      EngineAssembly.single(
              ruleset,
              cfg,
              out,
              new AlertEventMapper(classes),
              AppLayers.load(cfg, LargeAlertRunTest.class.getClassLoader()))
          .run()
          .run(PacketSource.captures(List.of(pcap)));
      own = out.counters();
    }
    assertEquals(1L, ((Number) own.get("alerts")).longValue(), own.toString());
    assertEquals(1L, ((Number) own.get("alert_log_records_truncated")).longValue());

    List<Map<String, Object>> eve =
        Json.readLines(logs.resolve("eve.json")).stream()
            .filter(e -> "alert".equals(e.get("event_type")))
            .toList();
    assertEquals(1, eve.size());
    assertEquals(Boolean.TRUE, eve.get(0).get("payload_truncated"));
    @SuppressWarnings("unchecked")
    String shown =
        (String) ((Map<String, Object>) eve.get(0).get("http")).get("http_response_body_printable");
    assertTrue(shown.length() > 0 && shown.length() < 1 << 20, "cut body: " + shown.length());
    assertTrue(shown.startsWith("AAAA"), "the body keeps its start");

    String fast = Files.readString(logs.resolve("fast.log"));
    assertTrue(fast.contains("[1:1000001:"), fast);

    List<AlertEvent> logged = new ArrayList<>();
    try (AlertLogReader r = AlertLogReader.open(logs)) {
      r.drain(logged::add);
      assertEquals(0, r.skipped(), "no damaged record");
    }
    assertEquals(1, logged.size());
    assertEquals(1000001, logged.get(0).signatureId());
    assertTrue(logged.get(0).payload().truncated());
    assertEquals(shown.length(), logged.get(0).payload().responseBody().length);
  }
}
