package org.vigil.compiler.analysis;

import java.util.List;
import org.vigil.compiler.ir.PayloadOption;
import org.vigil.compiler.ir.Pcre;
import org.vigil.compiler.ir.Transform;
import org.vigil.detect.api.Transforms;

/**
 * What Vigil builds of buffer transforms (and the specs of those with an argument): the transforms
 * of a buffer come before every option that inspects it (so the whole chain reads the transformed
 * buffer), fit one program, and no size check (bsize, urilen) reads a transformed buffer's
 * untransformed length.
 */
public final class TransformChecks {
  private TransformChecks() {}

  /**
   * The {@code detect.api.TransformStep} spec of a transform that takes an argument: {@code
   * xor:<hex key>}, or {@code pcrexform:<flags>:<regex>} with the regex translated as a pcre
   * without flags (it must have exactly one capture group, as Suricata 7 requires).
   */
  public static String stepSpec(Transform t) {
    return switch (t.kind()) {
      case XOR -> "xor:" + t.argument();
      case PCREXFORM -> {
        PcreTranslator.Translated tr =
            PcreTranslator.translate(
                new Pcre(t.pos(), false, t.argument(), java.util.Set.of(), t.buffer(), false));
        int groups = tr.compile().matcher("").groupCount();
        if (groups != 1) {
          throw new BackendException(
              t.pos(), "pcrexform needs exactly one capture group, found " + groups);
        }
        yield "pcrexform:" + tr.flags() + ":" + tr.regex();
      }
      default -> throw new IllegalArgumentException(t.keyword() + " takes no argument");
    };
  }

  static void check(List<RulePlan.Chain> chains, List<PayloadOption> sizeChecks) {
    for (RulePlan.Chain e : chains) {
      List<PayloadOption> ops = e.ops();
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
          if (t.argument() != null) {
            stepSpec(t);
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
          if (BufferIds.of(s.buffer(), s.pos()) == e.bufferId()) {
            throw new BackendException(
                s.pos(),
                s.keyword() + " on a transformed buffer is not supported yet: rule skipped");
          }
        }
      }
    }
  }
}
