package org.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ClassificationConfigTest {
  @Test
  void parsesNameCategoryAndPriority() throws IOException {
    ClassificationConfig c =
        ClassificationConfig.parse(
            "t",
            new StringReader(
                """
        # comment
        config classification: trojan-activity,A Network Trojan, with comma,1

        config classification: misc-activity,Misc activity,3
        """));
    assertEquals(
        new Classification("trojan-activity", "A Network Trojan, with comma", 1),
        c.lookup("trojan-activity").orElseThrow());
    assertEquals(3, c.lookup("misc-activity").orElseThrow().priority());
    assertTrue(c.lookup("nope").isEmpty());
  }

  @Test
  void errorsNameFileAndLine() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ClassificationConfig.parse(
                    "c.config",
                    new StringReader(
                        "config classification: a,b,1\nconfig classification: x,y,high\n")));
    assertEquals("c.config:2: priority of 'x' is not a number", e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () -> ClassificationConfig.parse("c.config", new StringReader("classification x\n")));
    assertTrue(
        e.getMessage().startsWith("c.config:1: expected 'config classification:"), e.getMessage());
  }

  @Test
  void shippedFileHasEveryCorpusClasstypeWithSnortsPriority() throws IOException {
    Path root = Path.of(System.getProperty("vigil.root", ".."));
    Path shipped = root.resolve("rules/src/main/resources/classification.config");
    Path corpus =
        Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"))
            .resolve("rules/classification.config");
    Assumptions.assumeTrue(
        Files.isRegularFile(shipped), "shipped classification.config not found at " + shipped);
    Assumptions.assumeTrue(Files.isRegularFile(corpus), "corpus not found at " + corpus);
    ClassificationConfig ours = ClassificationConfig.load(shipped);
    ClassificationConfig snort = ClassificationConfig.load(corpus);
    for (Map.Entry<String, Classification> e : snort.all().entrySet()) {
      Classification mine =
          ours.lookup(e.getKey()).orElseThrow(() -> new AssertionError("missing " + e.getKey()));
      assertEquals(e.getValue().priority(), mine.priority(), e.getKey());
    }
  }
}
