package org.vigil.compiler.analysis;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.vigil.compiler.ir.AppLayerOption;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.ByteTest;
import org.vigil.compiler.ir.Bytes;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.DceIface;
import org.vigil.compiler.ir.DceOpnum;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.PayloadOption;
import org.vigil.compiler.ir.Pcre;
import org.vigil.compiler.ir.PcreFlag;
import org.vigil.detect.api.DceState;

/**
 * Lowers dce_iface and dce_opnum onto the internal DCE/RPC state buffer (layout in {@link
 * DceState}), with Suricata 7's semantics: {@code dce_iface} matches a call whose request's context
 * id names the interface (UUID, and the major version when compared) the server accepted, proposed
 * by a bind with the first-fragment flag unless {@code any_frag}; {@code dce_opnum} matches the
 * request's opnum against the listed numbers and inclusive ranges. The state exists only for calls
 * whose request was seen, as both keywords require.
 */
final class DceChecks {
  private DceChecks() {}

  /** True for the options lowered here. */
  static boolean handles(AppLayerOption o) {
    return o instanceof DceIface || o instanceof DceOpnum;
  }

  /** The options {@code o} (one of {@link #handles}) is lowered to. */
  static List<PayloadOption> lower(AppLayerOption o) {
    return switch (o) {
      case DceIface i -> iface(i);
      case DceOpnum n -> opnum(n);
      default -> throw new IllegalArgumentException(o.keyword());
    };
  }

  private static List<PayloadOption> iface(DceIface i) {
    List<PayloadOption> r = new ArrayList<>();
    byte[] uuid =
        ByteBuffer.allocate(16)
            .putLong(i.uuid().getMostSignificantBits())
            .putLong(i.uuid().getLeastSignificantBits())
            .array();
    r.add(
        new Content(
            i.pos(),
            new Bytes(uuid),
            false,
            Buffer.DCE_STATE,
            false,
            false,
            IntArg.of(DceState.UUID),
            IntArg.of(16),
            null,
            null,
            false,
            null));
    int flags = DceState.IFACE_ACCEPTED | (i.anyFrag() ? 0 : DceState.FIRST_FRAG);
    r.add(
        StateTests.test(
            Buffer.DCE_STATE,
            i.pos(),
            1,
            false,
            ByteTest.Operator.EQ,
            flags,
            DceState.FLAGS,
            (long) flags));
    NumericCheck v = i.version();
    if (v != null) {
      int at = DceState.VERSION;
      switch (v.op()) {
        case EQ ->
            r.add(
                StateTests.test(
                    Buffer.DCE_STATE,
                    i.pos(),
                    2,
                    false,
                    ByteTest.Operator.EQ,
                    v.value(),
                    at,
                    null));
        case NE ->
            r.add(
                StateTests.test(
                    Buffer.DCE_STATE, i.pos(), 2, true, ByteTest.Operator.EQ, v.value(), at, null));
        case LT ->
            r.add(
                StateTests.test(
                    Buffer.DCE_STATE,
                    i.pos(),
                    2,
                    false,
                    ByteTest.Operator.LT,
                    v.value(),
                    at,
                    null));
        case GT ->
            r.add(
                StateTests.test(
                    Buffer.DCE_STATE,
                    i.pos(),
                    2,
                    false,
                    ByteTest.Operator.GT,
                    v.value(),
                    at,
                    null));
        case LE ->
            r.add(
                StateTests.test(
                    Buffer.DCE_STATE,
                    i.pos(),
                    2,
                    false,
                    ByteTest.Operator.LE,
                    v.value(),
                    at,
                    null));
        case GE ->
            r.add(
                StateTests.test(
                    Buffer.DCE_STATE,
                    i.pos(),
                    2,
                    false,
                    ByteTest.Operator.GE,
                    v.value(),
                    at,
                    null));
        case RANGE -> {
          r.add(
              StateTests.test(
                  Buffer.DCE_STATE, i.pos(), 2, false, ByteTest.Operator.GT, v.value(), at, null));
          r.add(
              StateTests.test(
                  Buffer.DCE_STATE, i.pos(), 2, false, ByteTest.Operator.LT, v.value2(), at, null));
        }
      }
    }
    return r;
  }

  private static List<PayloadOption> opnum(DceOpnum n) {
    List<DceOpnum.Range> ranges = merged(n.ranges());
    if (ranges.size() == 1) {
      DceOpnum.Range only = ranges.get(0);
      int at = DceState.OPNUM;
      if (only.low() == only.high()) {
        return List.of(
            StateTests.test(
                Buffer.DCE_STATE, n.pos(), 2, false, ByteTest.Operator.EQ, only.low(), at, null));
      }
      return List.of(
          StateTests.test(
              Buffer.DCE_STATE, n.pos(), 2, false, ByteTest.Operator.GE, only.low(), at, null),
          StateTests.test(
              Buffer.DCE_STATE, n.pos(), 2, false, ByteTest.Operator.LE, only.high(), at, null));
    }
    // disjoint numbers: one anchored alternation over the two opnum bytes
    StringBuilder re = new StringBuilder("^.{").append(DceState.OPNUM).append("}(?:");
    for (int k = 0; k < ranges.size(); k++) {
      if (k > 0) {
        re.append('|');
      }
      alternative(re, ranges.get(k).low(), ranges.get(k).high());
    }
    re.append(')');
    return List.of(
        new Pcre(
            n.pos(), false, re.toString(), EnumSet.of(PcreFlag.DOTALL), Buffer.DCE_STATE, false));
  }

  /** The ranges sorted, with overlapping and adjacent ones joined, clamped to 16 bits. */
  static List<DceOpnum.Range> merged(List<DceOpnum.Range> in) {
    List<DceOpnum.Range> sorted = new ArrayList<>(in);
    sorted.sort(Comparator.comparingInt(DceOpnum.Range::low));
    List<DceOpnum.Range> out = new ArrayList<>();
    for (DceOpnum.Range r : sorted) {
      int lo = r.low();
      int hi = Math.min(r.high(), 0xFFFF);
      if (lo > hi) {
        continue; // an opnum above 65535 never matches
      }
      if (!out.isEmpty() && lo <= out.get(out.size() - 1).high() + 1) {
        DceOpnum.Range last = out.remove(out.size() - 1);
        out.add(new DceOpnum.Range(last.low(), Math.max(last.high(), hi)));
      } else {
        out.add(new DceOpnum.Range(lo, hi));
      }
    }
    if (out.isEmpty()) {
      out.add(new DceOpnum.Range(0x10000, 0x10000)); // never matches a 16-bit opnum
    }
    return out;
  }

  /** Appends the alternatives matching a big-endian 16-bit value in [lo, hi]. */
  private static void alternative(StringBuilder re, int lo, int hi) {
    int hl = lo >> 8;
    int hh = hi >> 8;
    if (hl == hh) {
      re.append(hex(hl)).append('[').append(hex(lo & 0xFF)).append('-').append(hex(hi & 0xFF));
      re.append(']');
      return;
    }
    re.append(hex(hl)).append('[').append(hex(lo & 0xFF)).append("-\\xff]");
    if (hh - hl > 1) {
      re.append("|[").append(hex(hl + 1)).append('-').append(hex(hh - 1)).append("][\\x00-\\xff]");
    }
    re.append('|').append(hex(hh)).append("[\\x00-").append(hex(hi & 0xFF)).append(']');
  }

  private static String hex(int b) {
    return String.format("\\x%02x", b);
  }
}
