package org.vigil.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;

/** A test's rules written to a file and compiled with the default configuration's variables. */
public record TestRules(ClassificationConfig classes, Ruleset ruleset) {

  /**
   * Writes {@code text} to {@code dir/name}, compiles it (every rule must load) and links the
   * ruleset.
   */
  public static TestRules compile(Path dir, String name, String text) throws IOException {
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ClassificationConfig classes = ClassificationConfig.load(cfg.classificationFile());
    Path file = Files.writeString(dir.resolve(name), text);
    ParseResult front = FrontEnd.parse(List.of(file), Variables.from(cfg), classes);
    assertEquals(0, front.failed(), front.errors().toString());
    return new TestRules(
        classes,
        Compilation.run(front, classes, RulesetCompiler.sourceHash(List.of(file)))
            .backend()
            .link());
  }
}
