package org.vigil.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.vigil.outputs.OutputConfig;
import org.vigil.outputs.Outputs;
import org.vigil.testing.Json;
import org.vigil.testing.TcpConversation;
import org.vigil.thread.AlertEventMapper;

/**
 * Suricata's per-packet alert cap ({@code packet-alert-max}) on three datagrams each matched by 17
 * to 20 rules ({@code alert-cap.rules}): the alerts logged per packet and their order, and the
 * {@code detect.alert_queue_overflow} count, are what Suricata 7.0.10 logged and counted
 * (bin/oracle, default cap and {@code packet-alert-max: 3}). The rules first in signature order are
 * kept: the lowest priority numbers, rules setting flowbits before the others, a drop before
 * alerts; a flowbits:noalert rule takes no place.
 */
class AlertCapRunTest {
  @TempDir Path dir;

  private List<String> run(List<String> sets, long[] overflow) throws IOException {
    TcpConversation t = TcpConversation.udpOnly();
    t.udp(
        "10.0.0.1",
        "10.0.0.2",
        9999,
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ".getBytes(StandardCharsets.US_ASCII));
    t.udp(
        "10.0.0.1",
        "10.0.0.2",
        9999,
        "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII));
    t.udp("10.0.0.1", "10.0.0.2", 9999, "0123456789".getBytes(StandardCharsets.US_ASCII));
    Path pcap = t.close(dir.resolve("cap.pcap"));
    Path rules = dir.resolve("cap.rules");
    try (var in = AlertCapRunTest.class.getResourceAsStream("alert-cap.rules")) {
      Files.write(rules, in.readAllBytes());
    }
    VigilConfig cfg = VigilConfig.load(null, sets);
    ClassificationConfig classes = ClassificationConfig.load(cfg.classificationFile());
    ParseResult front = FrontEnd.parse(List.of(rules), Variables.from(cfg), classes);
    Ruleset ruleset =
        Compilation.run(front, classes, RulesetCompiler.sourceHash(List.of(rules)))
            .backend()
            .link();
    Path logs = dir.resolve("logs-" + sets.size());
    Map<String, Object> counters;
    try (Outputs out = Outputs.open(logs, OutputConfig.DEFAULT)) {
      counters =
          EngineAssembly.single(
                  ruleset,
                  cfg,
                  out,
                  new AlertEventMapper(classes),
                  org.vigil.app.AppLayers.defaults())
              .run()
              .run(PacketSource.captures(List.of(pcap)));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> detect = (Map<String, Object>) counters.get("detect");
    overflow[0] = ((Number) detect.get("alert_queue_overflow")).longValue();
    List<String> got = new ArrayList<>();
    for (Map<String, Object> e : Json.readLines(logs.resolve("eve.json"))) {
      if ("alert".equals(e.get("event_type"))) {
        got.add(e.get("pcap_cnt") + ":" + ((Map<?, ?>) e.get("alert")).get("signature_id"));
      }
    }
    return got;
  }

  private static List<String> seq(int pcapCnt, int... sids) {
    List<String> out = new ArrayList<>();
    for (int s : sids) {
      out.add(pcapCnt + ":" + s);
    }
    return out;
  }

  @Test
  void fifteenPerPacketInSignatureOrder() throws IOException {
    long[] overflow = new long[1];
    List<String> want = new ArrayList<>();
    want.addAll(
        seq(
            1, 1019, 1018, 1017, 1016, 1015, 1014, 1013, 1012, 1011, 1010, 1009, 1008, 1007, 1006,
            1005));
    want.addAll(
        seq(
            2, 2016, 2017, 2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011,
            2012));
    want.addAll(
        seq(
            3, 3100, 3000, 3001, 3002, 3003, 3004, 3005, 3006, 3007, 3008, 3009, 3010, 3011, 3012,
            3013));
    assertEquals(want, run(List.of(), overflow));
    assertEquals(9, overflow[0], "5 + 2 + 2 alerts dropped");
  }

  @Test
  void theCapIsConfigurable() throws IOException {
    long[] overflow = new long[1];
    List<String> want = new ArrayList<>();
    want.addAll(seq(1, 1019, 1018, 1017));
    want.addAll(seq(2, 2016, 2017, 2000));
    want.addAll(seq(3, 3100, 3000, 3001));
    assertEquals(want, run(List.of("packet-alert-max=3"), overflow));
    assertEquals(45, overflow[0]);
  }
}
