package org.vigil.app.dns;

import java.nio.file.*;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.front.*;
import org.vigil.compiler.artifact.*;
import org.vigil.config.*;

class DbgTest {
  @Test
  void dbg() throws Exception {
    Path file = Path.of("/tmp/a6dbg/t.rules");
    VigilConfig cfg = VigilConfig.load(null, List.of());
    var classes = org.vigil.config.ClassificationConfig.load(cfg.classificationFile());
    ParseResult front = FrontEnd.parse(List.of(file), Variables.from(cfg), classes);
    System.out.println("DIAG " + front.errors());
    var c = Compilation.run(front, classes, RulesetCompiler.sourceHash(List.of(file)));
    System.out.println("BACKEND " + c.combined().errors());
  }
}
