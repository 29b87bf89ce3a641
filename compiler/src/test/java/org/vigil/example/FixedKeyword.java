package org.vigil.example;

import java.util.function.Function;
import org.vigil.detect.api.KeywordPlugin;

/**
 * A keyword plugin built in a test from its name, version and prepare step (stand-ins, broken and
 * newer plugins).
 */
public record FixedKeyword(String name, String version, Function<String, Prepared> preparer)
    implements KeywordPlugin {
  @Override
  public Prepared prepare(String value) {
    return preparer.apply(value);
  }
}
