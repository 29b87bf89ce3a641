package org.vigil.example;

import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.KeywordPlugin;

/**
 * Test keyword plugin that moves the cursor: {@code skip:<n>} advances it {@code n} bytes (fails
 * past the end of the buffer), for testing that later relative options start where a plugin left
 * them.
 */
public final class SkipKeyword implements KeywordPlugin {
  @Override
  public String name() {
    return "skip";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public Prepared prepare(String value) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a byte count is required, found '" + value + "'");
    }
    if (n < 0) {
      throw new IllegalArgumentException("cannot skip backwards");
    }
    return new Prepared() {
      @Override
      public boolean relative() {
        return true;
      }

      @Override
      public int match(InspectionContext ctx, byte[] data, int base, int len, int cursor) {
        return cursor + n <= len ? cursor + n : NO_MATCH;
      }
    };
  }
}
