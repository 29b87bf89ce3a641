package org.vigil.detect;

import java.util.concurrent.atomic.AtomicBoolean;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.KeywordPlugin;

/**
 * A plugin option's prepared state as a loaded ruleset calls it: a plugin that throws does not
 * match there and the inspection goes on with the other rules; the first failure of each option is
 * logged with the plugin and the rule.
 */
final class GuardedKeyword implements KeywordPlugin.Prepared {
  private static final System.Logger LOG = System.getLogger(GuardedKeyword.class.getName());

  private final KeywordPlugin.Prepared inner;
  private final boolean relative;
  private final String where;
  private final AtomicBoolean reported = new AtomicBoolean();

  GuardedKeyword(KeywordPlugin.Prepared inner, String where) {
    this.inner = inner;
    this.relative = inner.relative();
    this.where = where;
  }

  @Override
  public boolean relative() {
    return relative;
  }

  @Override
  public int match(InspectionContext ctx, byte[] data, int base, int len, int cursor) {
    try {
      return inner.match(ctx, data, base, len, cursor);
    } catch (RuntimeException e) {
      if (!reported.getAndSet(true)) {
        LOG.log(
            System.Logger.Level.WARNING,
            where + " failed; the option does not match where it fails",
            e);
      }
      return NO_MATCH;
    }
  }
}
