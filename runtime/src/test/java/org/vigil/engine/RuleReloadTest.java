package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.vigil.detect.api.RuleMatcher;
import org.vigil.inspect.ZeekRun;
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.thread.AlertEventMapper;
import org.vigil.thread.RulesetSwitch;

/**
 * A rule reload in the middle of a flow (one connection carrying 1000 HTTP requests): the new rules
 * take over from the next packet on; the flow keeps its state, so a flowbit the old rules set is
 * seen by the new rules (numbered differently there); a removed rule alerts no more, an added one
 * does; no packet is lost, and the swap is counted in the stats.
 */
class RuleReloadTest {
  static final String CAPTURE = "http/1000-requests-one-dropped-response.pcap";

  static final String OLD =
      """
      alert tcp any any -> any 80 (msg:"sets seen"; flow:to_server,established; content:"GET"; flowbits:set,seen; sid:1;)
      alert tcp any any -> any 80 (msg:"old rule, removed by the reload"; flow:to_server,established; content:"GET"; sid:2;)
      """;

  static final String NEW =
      """
      alert tcp any any -> any 80 (msg:"a bit named before seen"; flow:to_server; content:"NOT IN THE CAPTURE"; flowbits:set,aaa; sid:5;)
      alert tcp any 80 -> any any (msg:"seen kept over the reload"; flow:to_client,established; flowbits:isset,seen; content:"HTTP/1.1"; sid:3;)
      alert tcp any any -> any 80 (msg:"added by the reload"; flow:to_server,established; content:"GET"; sid:4;)
      """;

  @TempDir Path dir;

  @Test
  void aReloadMidFlowKeepsFlowbitsAndSwapsTheRulesBetweenPackets() throws IOException {
    Path pcap = ZeekRun.CORPUS.resolve("pcaps/zeek").resolve(CAPTURE);
    assumeTrue(Files.isRegularFile(pcap), "corpus not found at " + pcap);
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ClassificationConfig classes = ClassificationConfig.load(cfg.classificationFile());
    Ruleset next = compile("new.rules", NEW, cfg, classes);
    Ruleset old = compile("old.rules", OLD, cfg, classes);
    assertEquals(List.of("seen"), old.flowbitNames(), "the bit is numbered 0 before the reload");
    assertEquals(1, next.flowbitId("seen"), "and 1 after it");
    int setter = index(old, 1);
    RulesetSwitch[] rules = new RulesetSwitch[1];
    AtomicBoolean published = new AtomicBoolean();
    // the first match of sid 1 publishes the new rules, as a reload thread would between packets
    Ruleset watched =
        old.withMatchers(
            (i, m) ->
                i != setter
                    ? m
                    : (RuleMatcher)
                        (r, ctx) -> {
                          int res = m.match(r, ctx);
                          if (res != RuleMatcher.NO_MATCH && !published.getAndSet(true)) {
                            rules[0].publish(next);
                          }
                          return res;
                        });
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Map<String, Object> counters;
    long packets;
    try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
      EngineAssembly engine =
          EngineAssembly.single(
              watched, cfg, out, new AlertEventMapper(classes), org.vigil.app.AppLayers.defaults());
      rules[0] = engine.rules();
      Run run = engine.run();
      counters = run.run(PacketSource.captures(List.of(pcap)));
      packets = run.packets();
    }
    Map<Long, List<String>> bySid = ZeekRun.alertsBySid(logs);
    List<String> set = bySid.get(1L);
    assertEquals(1, set.size(), "sid 1 fired once, then was gone: " + set);
    int swap = Integer.parseInt(set.get(0));
    assertTrue(
        bySid.get(2L).stream().allMatch(c -> Integer.parseInt(c) <= swap),
        "the removed rule alerts only up to the packet of the reload: " + bySid.get(2L));
    List<String> added = bySid.getOrDefault(4L, List.of());
    assertFalse(added.isEmpty(), "the added rule alerts after the reload");
    assertTrue(added.stream().allMatch(c -> Integer.parseInt(c) > swap), added.toString());
    List<String> kept = bySid.getOrDefault(3L, List.of());
    assertFalse(kept.isEmpty(), "the flowbit set before the reload is seen after it");
    assertTrue(kept.stream().allMatch(c -> Integer.parseInt(c) > swap), kept.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> detect = (Map<String, Object>) counters.get("detect");
    assertEquals(1L, detect.get("reloads"));
    assertEquals(3L, detect.get("rules_loaded"));
    assertTrue(detect.containsKey("reload_pause_us"), detect.toString());
    assertEquals(packetsWithoutReload(pcap, cfg, classes, old), packets, "no packet lost");
  }

  private long packetsWithoutReload(
      Path pcap, VigilConfig cfg, ClassificationConfig classes, Ruleset rs) throws IOException {
    Path logs = Files.createDirectories(dir.resolve("plain"));
    try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
      Run run =
          EngineAssembly.single(
                  rs, cfg, out, new AlertEventMapper(classes), org.vigil.app.AppLayers.defaults())
              .run();
      run.run(PacketSource.captures(List.of(pcap)));
      return run.packets();
    }
  }

  private Ruleset compile(String name, String text, VigilConfig cfg, ClassificationConfig classes)
      throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    ParseResult front = FrontEnd.parse(List.of(file), Variables.from(cfg), classes);
    assertEquals(0, front.failed(), front.errors().toString());
    return Compilation.run(front, classes, RulesetCompiler.sourceHash(List.of(file)))
        .backend()
        .link();
  }

  private static int index(Ruleset rs, long sid) {
    for (int i = 0; i < rs.size(); i++) {
      if (rs.meta(i).sid() == sid) {
        return i;
      }
    }
    throw new AssertionError("no sid " + sid);
  }
}
