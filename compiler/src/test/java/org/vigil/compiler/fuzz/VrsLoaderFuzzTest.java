package org.vigil.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.artifact.RulesetImage;
import org.vigil.detect.artifact.VrsEnvelope;
import org.vigil.detect.artifact.VrsException;

/**
 * Any bytes given to the {@code .vrs} loader ({@link RulesetImage#read} and {@link
 * org.vigil.detect.RulesetLinker#load}) are refused with an {@link IOException} (a {@link
 * VrsException} when the envelope is bad) and no other exception; a file whose digest does not hold
 * never gets as far as defining a class. With an odd first byte the rest of the input is sealed
 * with a valid digest first, so that the content reader behind the digest (a faulty writer's
 * output) is fuzzed too: it may load, or be refused with an {@link IOException}, nothing else.
 * Seeded with a real artifact of a few rules, as file and as content.
 */
class VrsLoaderFuzzTest {
  private static final String METHOD = "anyBytesAreLoadedOrRefusedWithAnIoException";
  private static final String RULES =
      """
      alert tcp any any -> any 80 (msg:"a"; content:"GET"; flowbits:set,x; sid:1;)
      alert tcp any any -> any any (msg:"b"; content:"/x"; http_uri; pcre:"/a+b/U"; sid:2;)
      alert udp any any -> any 53 (msg:"c"; content:"|01|"; threshold:type limit,track by_src,count 1,seconds 60; sid:3;)
      """;
  private static Path file;

  @BeforeAll
  static void seeds() throws IOException {
    FuzzCorpus.reset(VrsLoaderFuzzTest.class, METHOD);
    Path work = Files.createTempDirectory("vigil-fuzz-vrs");
    file = work.resolve("input.vrs");
    ClassificationConfig classes = ClassificationConfig.parse("none", new StringReader(""));
    ParseResult front =
        FrontEnd.parseText("fuzz.rules", RULES, Variables.from(VigilConfig.load(null, List.of())));
    assertEquals(List.of(), front.errors());
    Compilation c = Compilation.run(front, classes, "fuzz");
    Path vrs = work.resolve("seed.vrs");
    c.backend().write(vrs);
    byte[] real = Files.readAllBytes(vrs);
    FuzzCorpus.add(VrsLoaderFuzzTest.class, METHOD, prefixed((byte) 0, real));
    byte[] content = VrsEnvelope.open(real, null);
    FuzzCorpus.add(VrsLoaderFuzzTest.class, METHOD, prefixed((byte) 1, content));
    // short seeds: the whole artifact is large, and mutating it runs a few inputs a second only
    FuzzCorpus.add(
        VrsLoaderFuzzTest.class, METHOD, prefixed((byte) 0, java.util.Arrays.copyOf(real, 64)));
    FuzzCorpus.add(
        VrsLoaderFuzzTest.class,
        METHOD,
        prefixed((byte) 1, java.util.Arrays.copyOf(content, Math.min(content.length, 4096))));
  }

  private static byte[] prefixed(byte first, byte[] rest) {
    byte[] b = new byte[rest.length + 1];
    b[0] = first;
    System.arraycopy(rest, 0, b, 1, rest.length);
    return b;
  }

  @FuzzTest(maxDuration = "10s")
  void anyBytesAreLoadedOrRefusedWithAnIoException(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    byte[] rest = java.util.Arrays.copyOfRange(input, 1, input.length);
    byte[] bytes = (input[0] & 1) == 0 ? rest : VrsEnvelope.seal(rest, null, null);
    boolean digestHolds;
    try {
      VrsEnvelope.open(bytes, null);
      digestHolds = true;
    } catch (VrsException e) {
      digestHolds = false;
    }
    try {
      RulesetImage.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      // refused: the message must say why
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        fail("refused without a reason", e);
      }
    }
    Files.write(file, bytes);
    try {
      org.vigil.detect.RulesetLinker.load(file);
      if (!digestHolds) {
        fail("a file whose digest does not hold was loaded");
      }
    } catch (IOException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        fail("refused without a reason", e);
      }
    }
  }
}
