package org.vigil.compiler.analysis;

import java.util.List;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.FastPattern;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.PayloadOption;
import org.vigil.compiler.ir.Transform;
import org.vigil.detect.api.Buffers;

/**
 * Chooses a rule's prefilter pattern: the content marked {@code fast_pattern} first, otherwise the
 * longest non-negated content (first one on ties), over all prefilterable buffers (not base64_data,
 * which only exists once the rule itself decoded it). Null when the rule has none: always a
 * candidate.
 */
public final class FastPatternSelector {
  private FastPatternSelector() {}

  /** The choice for a rule with these chains, or null. */
  public static RulePlan.FastPatternChoice choose(List<RulePlan.Chain> chains) {
    Content best = null;
    int bestBuf = -1;
    for (RulePlan.Chain ch : chains) {
      if (ch.bufferId() == Buffers.BASE64_DATA
          || (!ch.ops().isEmpty() && ch.ops().get(0) instanceof Transform)) {
        // the prefilter scans the buffer as the runtime fills it, not as a transform makes it
        continue;
      }
      for (PayloadOption o : ch.ops()) {
        if (o instanceof Content c && !c.negated()) {
          if (c.fastPattern() != null) {
            return choice(ch.bufferId(), c);
          }
          if (best == null || c.pattern().length() > best.pattern().length()) {
            best = c;
            bestBuf = ch.bufferId();
          }
        }
      }
    }
    return best == null ? null : choice(bestBuf, best);
  }

  private static RulePlan.FastPatternChoice choice(int buf, Content c) {
    byte[] all = c.pattern().data();
    int from = 0;
    int n = all.length;
    if (c.fastPattern() instanceof FastPattern.Slice s) {
      from = s.offset();
      n = s.length();
    }
    byte[] pat = java.util.Arrays.copyOfRange(all, from, from + n);
    int min = 0;
    int max = Integer.MAX_VALUE;
    if (!c.isRelative()) {
      if (c.offset() instanceof IntArg.Literal o) {
        min = (int) Math.min(Integer.MAX_VALUE / 2, o.value());
      }
      if (c.depth() instanceof IntArg.Literal d
          && (c.offset() == null || c.offset() instanceof IntArg.Literal)) {
        long end = min + d.value();
        max = (int) Math.min(Integer.MAX_VALUE / 2, end - all.length);
      }
    }
    return new RulePlan.FastPatternChoice(
        buf, pat, c.nocase(), min + from, max == Integer.MAX_VALUE ? max : max + from);
  }
}
