package org.vigil.compiler.analysis;

import java.util.List;
import org.vigil.compiler.ir.*;

/**
 * Which options of a chain are backtracking points: a content or pcre is retried on its next
 * occurrence when a later relative option anchors on it (the nearest preceding non-negated content
 * or pcre), as Suricata's "relative next" flag does. A relative base64_decode does not set that
 * flag in Suricata 7: a decode that fails does not retry the content before it.
 */
public final class Anchors {
  private Anchors() {}

  /** True when {@code o} is positioned relative to the cursor. */
  public static boolean isRelative(PayloadOption o) {
    return switch (o) {
      case Content c -> c.isRelative() && !c.isFastPatternOnly();
      case Pcre p -> p.relative();
      case ByteTest t -> t.relative();
      case ByteJump j -> j.relative();
      case ByteExtract e -> e.relative();
      case ByteMath m -> m.relative();
      case DatasetMatch _, Datarep _ -> false;
      case IsDataAt i -> i.relative();
      case Base64Decode b -> b.relative();
      case PluginOption x -> x.relative();
      case Urilen _, Bsize _, Transform _, StickyBuffer _, Asn1 _, Ftpbounce _ -> false;
    };
  }

  /** Per option: true when it is a backtracking point. */
  public static boolean[] retryable(List<PayloadOption> ops) {
    boolean[] retry = new boolean[ops.size()];
    int anchor = -1;
    for (int k = 0; k < ops.size(); k++) {
      PayloadOption o = ops.get(k);
      if (isRelative(o) && !(o instanceof Base64Decode) && anchor >= 0) {
        retry[anchor] = true;
      }
      if (o instanceof Content c && !c.negated() && !c.isFastPatternOnly()
          || o instanceof Pcre p && !p.negated()) {
        anchor = k;
      }
    }
    return retry;
  }
}
