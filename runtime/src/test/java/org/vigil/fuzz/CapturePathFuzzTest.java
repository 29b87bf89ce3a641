package org.vigil.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.AppLayers;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.decode.PathStats;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.detect.Detector;
import org.vigil.detect.Ruleset;
import org.vigil.engine.DecodePipeline;
import org.vigil.engine.PathConfig;
import org.vigil.flow.FlowSlots;
import org.vigil.inspect.FlowInspector;
import org.vigil.stream.StreamConfig;
import org.vigil.stream.StreamEngine;
import org.vigil.stream.policy.PolicyResolver;
import org.vigil.stream.policy.TargetPolicies;

/**
 * Any bytes read as a capture file go through the whole packet path of one thread: capture reader
 * (pcap or pcapng), decoders, defrag, flow table, TCP reassembly, app-layer detection and parsers,
 * and detection with rules on every inspection unit. Nothing may throw, hang, or keep memory after
 * the capture's end (every flow ended, every stream byte released). Seeded with 150 of the small
 * captures (4 KB at most) of the shared corpus.
 */
class CapturePathFuzzTest {
  private static final String RULES =
      """
      alert tcp any any -> any any (msg:"raw"; content:"GET"; sid:1;)
      alert tcp any any -> any any (msg:"pcre"; flow:established; content:"a"; pcre:"/(a|b)*c/R"; sid:2;)
      alert tcp any any -> any any (msg:"uri"; content:"/"; http_uri; content:"Host"; http_header; sid:3;)
      alert tcp any any -> any any (msg:"body"; file_data; content:"html"; nocase; sid:4;)
      alert tcp any any -> any any (msg:"tls"; flow:to_server; content:"|16 03|"; depth:2; sid:5;)
      alert tcp any any -> any any (msg:"ssh"; content:"SSH-2.0"; depth:7; sid:6;)
      alert udp any any -> any 53 (msg:"dns"; content:"|01 00|"; offset:2; depth:2; sid:7;)
      alert ip any any -> any any (msg:"frag"; fragbits:M; sid:8;)
      alert tcp any any -> any any (msg:"bits"; flow:to_server; flowbits:set,x; content:"a"; sid:9;)
      alert tcp any any -> any any (msg:"bt"; byte_test:1,>,0,0; stream_size:server,>,1; sid:10;)
      alert icmp any any -> any any (msg:"icmp"; itype:8; sid:11;)
      """;
  private static Ruleset ruleset;
  private static Path file;

  @BeforeAll
  static void setUp() throws IOException {
    FuzzSeeds.reset(CapturePathFuzzTest.class, "anyCaptureGoesThroughThePacketPath");
    Path work = Files.createTempDirectory("vigil-fuzz-capture");
    ClassificationConfig classes = ClassificationConfig.parse("none", new StringReader(""));
    ParseResult front =
        FrontEnd.parseText("fuzz.rules", RULES, Variables.from(VigilConfig.load(null, List.of())));
    assertEquals(List.of(), front.errors());
    Compilation c = Compilation.run(front, classes, "fuzz");
    assertEquals(List.of(), c.combined().errors());
    Path vrs = work.resolve("fuzz.vrs");
    c.backend().write(vrs);
    ruleset = org.vigil.detect.RulesetLinker.load(vrs);
    file = work.resolve("input.pcap");
    for (Path f :
        FuzzSeeds.sample(FuzzSeeds.corpusFiles("pcaps", FuzzSeeds.smallCapture(4096)), 150)) {
      FuzzSeeds.add(
          CapturePathFuzzTest.class, "anyCaptureGoesThroughThePacketPath", Files.readAllBytes(f));
    }
  }

  @FuzzTest(maxDuration = "20s")
  void anyCaptureGoesThroughThePacketPath(byte[] capture) throws IOException {
    Files.write(file, capture);
    PathStats stats = new PathStats();
    StreamEngine streams =
        new StreamEngine(StreamConfig.ids(), PolicyResolver.fixed(TargetPolicies.require("bsd")));
    long[] alerts = new long[1];
    FlowInspector inspector =
        new FlowInspector(
            new Detector(ruleset),
            streams,
            new FlowSlots(),
            (rule, ctx, p, unit) -> alerts[0]++,
            AppLayers.defaults());
    DecodePipeline pipe =
        new DecodePipeline(
            PathConfig.defaults(),
            FragPolicyResolver.suricataDefault(),
            stats,
            inspector::process,
            inspector);
    boolean readable = pipe.runCapture(file);
    assertTrue(readable || stats.packets == 0, "an unreadable capture yields no packet");
    assertEquals(0, pipe.flows().size(), "every flow ends with the capture");
    assertEquals(0, streams.memory().used(), "every stream byte is released when its flow ends");
  }
}
