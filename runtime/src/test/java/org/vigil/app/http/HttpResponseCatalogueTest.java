package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.vigil.inspect.ZeekRun;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;

/**
 * The HTTP response catalogue ({@code catalogue/}: one capture per trick a server can play with a
 * response carrying the EICAR string, written by {@code make_captures.py}): on every case Vigil
 * raises the alerts of {@code catalogue.rules} that Suricata 7.0.10 raised on it ({@code
 * expected.txt}, recorded by {@code record.sh} with bin/oracle), same sids on the same packets.
 */
class HttpResponseCatalogueTest {
  /**
   * The cases where Vigil still differs from Suricata (none). Listed so that the test fails when
   * one of them changes, either way.
   */
  private static final Set<String> KNOWN_DIFFERENT = Set.of();

  @TempDir Path dir;

  private static Path resource(String name) {
    try {
      return Path.of(HttpResponseCatalogueTest.class.getResource("catalogue/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyCaseAlertsAsSuricata() throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : Files.readAllLines(resource("expected.txt"))) {
      int sp = line.indexOf(' ');
      expected.put(line.substring(0, sp), line.substring(sp + 1));
    }
    assertTrue(expected.size() >= 100, "catalogue has " + expected.size() + " cases");
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ClassificationConfig classes = ClassificationConfig.load(cfg.classificationFile());
    Path rules = resource("catalogue.rules");
    ParseResult front = FrontEnd.parse(List.of(rules), Variables.from(cfg), classes);
    Ruleset ruleset =
        Compilation.run(front, classes, RulesetCompiler.sourceHash(List.of(rules)))
            .backend()
            .link();
    List<String> differ = new ArrayList<>();
    List<String> nowAgree = new ArrayList<>();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path pcap = resource("cases/" + e.getKey() + ".pcap");
      Path logs = Files.createDirectories(dir.resolve(e.getKey()));
      try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
        EngineAssembly.single(
                ruleset,
                cfg,
                out,
                new AlertEventMapper(classes),
                org.vigil.app.AppLayers.defaults())
            .run()
            .run(PacketSource.captures(List.of(pcap)));
      }
      String got = line(ZeekRun.alertsBySid(logs));
      boolean known = KNOWN_DIFFERENT.contains(e.getKey());
      if (!got.equals(e.getValue())) {
        if (!known) {
          differ.add(e.getKey() + ": suricata " + e.getValue() + ", vigil " + got);
        }
      } else if (known) {
        nowAgree.add(e.getKey());
      }
    }
    int agree = expected.size() - differ.size() - KNOWN_DIFFERENT.size() + nowAgree.size();
    System.out.printf(
        "HTTP response catalogue: %d of %d cases agree with Suricata 7.0.10%n",
        agree, expected.size());
    assertEquals("", String.join("\n", differ));
    assertEquals(List.of(), nowAgree, "listed as different but agree now");
  }

  private static String line(Map<Long, List<String>> bySid) {
    StringJoiner s = new StringJoiner(" ");
    bySid.forEach((sid, cnts) -> s.add(sid + "=" + String.join(",", cnts)));
    return bySid.isEmpty() ? "-" : s.toString();
  }
}
