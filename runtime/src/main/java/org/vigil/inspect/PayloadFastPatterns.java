package org.vigil.inspect;

import java.util.BitSet;
import org.vigil.detect.Ruleset;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.detect.artifact.Prefilter;

/**
 * The TCP rules whose fast pattern lies in the payload buffer: the ones Suricata finds through its
 * payload/stream MPM, which it does not run on a packet of a flow whose payload inspection was
 * stopped (PKT_NOPAYLOAD_INSPECTION), while rules without a fast pattern still see the raw stream
 * data such a packet flushes.
 */
final class PayloadFastPatterns {
  private final BitSet rules = new BitSet();

  PayloadFastPatterns(Ruleset ruleset) {
    add(ruleset.anyGroup(Ruleset.TCP));
    for (PortGroup g : ruleset.portGroups(Ruleset.TCP)) {
      add(g);
    }
  }

  private void add(PortGroup g) {
    Prefilter p = g == null ? null : g.prefilter(Buffers.PAYLOAD);
    if (p != null) {
      for (int r : p.rules()) {
        rules.set(r);
      }
    }
  }

  /** True when rule {@code r} has its fast pattern in the payload. */
  boolean has(int r) {
    return rules.get(r);
  }
}
