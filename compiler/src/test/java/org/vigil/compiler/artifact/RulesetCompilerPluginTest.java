package org.vigil.compiler.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.Detector;
import org.vigil.detect.KeywordPlugins;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.KeywordPlugin;
import org.vigil.detect.artifact.RulesetImage;
import org.vigil.example.EntropyKeyword;
import org.vigil.example.FixedKeyword;

/**
 * Keyword plugins through the .vrs artifact: recorded by name, class and version, prepared again at
 * load, missing ones named.
 */
class RulesetCompilerPluginTest {
  private static final String RULES =
      "alert tcp any any -> any any (msg:\"random after KEY\"; content:\"KEY:\"; entropy:>7.0,relative; sid:9000001;)\n"
          + "alert tcp any any -> any any (msg:\"zeros\"; entropy:<0.5, bytes 64; sid:9000002;)\n"
          + "alert tcp any any -> any any (msg:\"plain\"; content:\"GET\"; sid:9000003;)\n";

  private static Path compile(Path dir) throws IOException {
    ParseResult pr = FrontEnd.parseText("local.rules", RULES, Variables.defaults());
    assertTrue(pr.errors().isEmpty(), pr.errors().toString());
    RulesetCompiler.Result res = RulesetCompiler.compile(pr.rules());
    assertTrue(res.errors().isEmpty(), res.errors().toString());
    Path vrs = dir.resolve("local.vrs");
    res.write(vrs);
    return vrs;
  }

  private static List<Long> alerts(Ruleset rs, byte[] payload) {
    InspectionContext c = new InspectionContext();
    c.setIpv4(0x0a000001, 0x0a000002);
    c.ipProto = 6;
    c.srcPort = 40000;
    c.dstPort = 80;
    c.setBuffer(Buffers.PAYLOAD, payload, 0, payload.length);
    c.dsize = payload.length;
    List<Long> out = new ArrayList<>();
    new Detector(rs).inspect(c, 0, (m, ctx) -> out.add(m.sid()));
    return out.stream().sorted().toList();
  }

  @Test
  void artifactRecordsThePluginsAndTheLoadedRulesetRunsThem(@TempDir Path dir) throws IOException {
    Path vrs = compile(dir);
    RulesetImage image;
    try (var in = Files.newInputStream(vrs)) {
      image = RulesetImage.read(in);
    }
    assertEquals(
        List.of("'entropy' (" + EntropyKeyword.class.getName() + " 1.0)"), image.requiredPlugins());
    assertEquals(
        List.of(">7.0,relative", "<0.5, bytes 64"),
        image.pluginUses.stream().map(RulesetImage.PluginUse::value).toList());
    Ruleset rs = RulesetLinker.load(vrs);
    byte[] random = new byte[800];
    new Random(11).nextBytes(random);
    byte[] keyed =
        ("KEY:" + new String(random, java.nio.charset.StandardCharsets.ISO_8859_1))
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertEquals(List.of(9000001L), alerts(rs, keyed));
    assertEquals(List.of(9000002L), alerts(rs, new byte[100]));
    assertEquals(List.of(9000003L), alerts(rs, "GET / HTTP/1.0\r\n\r\n".getBytes()));
  }

  @Test
  void loadingWithoutThePluginNamesItAndTheRule(@TempDir Path dir) throws IOException {
    Path vrs = compile(dir);
    Thread t = Thread.currentThread();
    ClassLoader saved = t.getContextClassLoader();
    // a class path without the plugin jar: no META-INF/services entry is visible
    try (URLClassLoader bare =
        new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      t.setContextClassLoader(bare);
      IOException e = assertThrows(IOException.class, () -> RulesetLinker.load(vrs));
      assertEquals(
          vrs
              + ": the ruleset needs keyword plugin 'entropy' ("
              + EntropyKeyword.class.getName()
              + " 1.0) (used by rule 1:9000001), which is not on the class path",
          e.getMessage());
    } finally {
      t.setContextClassLoader(saved);
    }
  }

  @Test
  void aPluginThatThrowsDoesNotMatchAndTheOtherRulesStillAlert(@TempDir Path dir)
      throws IOException {
    Path vrs = compile(dir);
    KeywordPlugin broken =
        new FixedKeyword(
            "entropy",
            "1.0",
            value ->
                (ctx, data, base, len, cursor) -> {
                  throw new ArrayIndexOutOfBoundsException("plugin bug");
                });
    RulesetImage image;
    try (var in = Files.newInputStream(vrs)) {
      image = RulesetImage.read(in);
    }
    Ruleset rs = RulesetLinker.link(image, true, KeywordPlugins.of(List.of(broken)));
    byte[] random = new byte[800];
    new Random(12).nextBytes(random);
    byte[] payload =
        ("GET KEY:" + new String(random, java.nio.charset.StandardCharsets.ISO_8859_1))
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertEquals(List.of(9000003L), alerts(rs, payload));
    assertEquals(
        List.of(9000001L, 9000003L),
        alerts(RulesetLinker.load(vrs), payload),
        "with the real plugin");
  }

  @Test
  void loadingWithAnotherVersionOfThePluginAsksForARecompile(@TempDir Path dir) throws IOException {
    Path vrs = compile(dir);
    KeywordPlugin newer =
        new FixedKeyword("entropy", "2.0", value -> new EntropyKeyword().prepare(value));
    RulesetImage image;
    try (var in = Files.newInputStream(vrs)) {
      image = RulesetImage.read(in);
    }
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> RulesetLinker.link(image, false, KeywordPlugins.of(List.of(newer))));
    assertTrue(
        e.getMessage()
            .startsWith(
                "the ruleset was compiled with keyword plugin 'entropy' ("
                    + EntropyKeyword.class.getName()
                    + " 1.0) but the class path has "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(" 2.0: recompile the rules"), e.getMessage());
  }
}
