package org.vigil.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.engine.EngineAssembly;
import org.vigil.engine.PacketSource;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;

/**
 * The example keyword plugin as a user runs it: rules using {@code entropy} compiled to a .vrs,
 * loaded from the file (the plugin found on the class path), and real captures run through the
 * engine; the alerts are read back from eve.json. The TLS rule has no content: as in Suricata
 * (default encryption-handling), once a flow's TLS application data starts its payload is inspected
 * no more, except, once per direction, by the rules without a payload fast pattern.
 */
class EntropyKeywordTest {
  private static final String RULES =
      """
      alert tcp any 443 -> any any (msg:"TLS data looks encrypted"; flow:established,to_client; dsize:>64; \
      entropy:>7.0; sid:9000001;)
      alert tcp any any -> any 80 (msg:"HTTP request that looks encrypted"; content:"GET "; depth:4; entropy:>7.0; sid:9000002;)
      alert tcp any any -> any 80 (msg:"HTTP request in plain text"; content:"GET "; depth:4; entropy:<6.0; sid:9000003;)
      """;

  private static Path corpus() {
    Path root = Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"));
    Assumptions.assumeTrue(
        Files.isDirectory(root.resolve("pcaps/zeek")),
        "corpus not found at " + root.toAbsolutePath());
    return root;
  }

  @Test
  void encryptedTlsRecordsAlertAndPlainHttpDoesNot(@TempDir Path dir) throws IOException {
    Path tls = corpus().resolve("pcaps/zeek/tls/chrome-34-google.pcap");
    Path http = corpus().resolve("pcaps/zeek/wikipedia.pcap");
    Path rules = dir.resolve("local.rules");
    Files.writeString(rules, RULES);
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ClassificationConfig classes = ClassificationConfig.parse("none", new java.io.StringReader(""));
    ParseResult front = FrontEnd.parse(List.of(rules), Variables.from(cfg), classes);
    Compilation c = Compilation.run(front, classes, "test");
    assertEquals(List.of(), c.combined().errors());
    assertEquals(3, c.combined().rules().size());
    Path vrs = dir.resolve("local.vrs");
    c.backend().write(vrs);
    Ruleset rs = RulesetLinker.load(vrs);

    Path logs = dir.resolve("logs");
    try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
      EngineAssembly.single(
              rs, cfg, out, new AlertEventMapper(classes), org.vigil.app.AppLayers.defaults())
          .run()
          .run(PacketSource.captures(List.of(tls, http)));
    }
    Map<Long, Integer> bySid = new TreeMap<>();
    Pattern sid = Pattern.compile("\"event_type\":\"alert\".*\"signature_id\":(\\d+)");
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      Matcher m = sid.matcher(line);
      if (m.find()) {
        bySid.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
      }
    }
    System.out.println("entropy plugin alerts by sid: " + bySid);
    assertTrue(bySid.getOrDefault(9000001L, 0) > 0, "encrypted TLS records alert: " + bySid);
    assertEquals(null, bySid.get(9000002L), "plain HTTP requests are not random: " + bySid);
    assertTrue(
        bySid.getOrDefault(9000003L, 0) > 0, "plain HTTP requests have low entropy: " + bySid);
  }
}
