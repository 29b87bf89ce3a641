package org.vigil.compiler.analysis;

import java.util.List;
import java.util.Map;
import org.vigil.compiler.ir.PayloadOption;
import org.vigil.compiler.ir.Transform;
import org.vigil.detect.api.Transforms;

/**
 * What Vigil builds of buffer transforms: the transforms of a buffer come before every option that
 * inspects it (so the whole chain reads the transformed buffer), fit one program, and no size check
 * (bsize, urilen) reads a transformed buffer's untransformed length.
 */
final class TransformChecks {
  private TransformChecks() {}

  static void check(Map<Integer, List<PayloadOption>> chains, List<PayloadOption> sizeChecks) {
    for (Map.Entry<Integer, List<PayloadOption>> e : chains.entrySet()) {
      List<PayloadOption> ops = e.getValue();
      boolean inspected = false;
      int steps = 0;
      for (PayloadOption o : ops) {
        if (o instanceof Transform t) {
          if (inspected) {
            throw new BackendException(
                t.pos(),
                t.keyword()
                    + " on a buffer an earlier option already inspected untransformed is not"
                    + " supported yet: rule skipped");
          }
          if (++steps > Transforms.MAX_STEPS) {
            throw new BackendException(
                t.pos(), "more than " + Transforms.MAX_STEPS + " transforms on one buffer");
          }
        } else {
          inspected = true;
        }
      }
      if (steps > 0) {
        for (PayloadOption s : sizeChecks) {
          if (BufferIds.of(s.buffer(), s.pos()) == e.getKey()) {
            throw new BackendException(
                s.pos(),
                s.keyword() + " on a transformed buffer is not supported yet: rule skipped");
          }
        }
      }
    }
  }
}
