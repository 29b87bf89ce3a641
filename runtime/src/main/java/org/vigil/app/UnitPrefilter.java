package org.vigil.app;

import java.util.function.IntPredicate;

/** The detection side an app layer's admission may consult while one of its units is inspected. */
@FunctionalInterface
public interface UnitPrefilter {
  /**
   * The rules the prefilter of buffer {@code buffer} alone finds in the unit being inspected (the
   * rules whose fast pattern lies in that buffer and occurs there), by global rule index.
   */
  IntPredicate candidates(int buffer);
}
