package org.vigil.compiler.codegen;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.vigil.compiler.ir.Flowint;
import org.vigil.compiler.ir.Xbits;
import org.vigil.detect.api.FlowBits;
import org.vigil.detect.api.HostBits;

/**
 * Emits the state options beyond flowbits: xbits conditions and actions (calls into the run's
 * {@link HostBits}) and flowint operations (calls into the flow's {@link FlowBits}).
 */
final class StateEmitter {
  private static final String HOST_BITS = Type.getInternalName(HostBits.class);
  private static final String FLOW_BITS = Type.getInternalName(FlowBits.class);
  private final Emit e;

  StateEmitter(Emit e) {
    this.e = e;
  }

  private static int track(Xbits.Track t) {
    return switch (t) {
      case IP_SRC -> HostBits.IP_SRC;
      case IP_DST -> HostBits.IP_DST;
      case IP_PAIR -> HostBits.IP_PAIR;
    };
  }

  /** xbits isset / isnotset: jumps to {@code fail} when the bit's state is not the wanted one. */
  void xbitsCheck(Xbits x, Label fail) {
    e.ctx();
    e.g.push(x.name());
    e.g.push(track(x.track()));
    e.g.push(x.command() == Xbits.Command.ISSET);
    e.g.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        HOST_BITS,
        "check",
        "("
            + Type.getDescriptor(org.vigil.detect.api.InspectionContext.class)
            + "Ljava/lang/String;IZ)Z",
        false);
    e.g.visitJumpInsn(Opcodes.IFEQ, fail);
  }

  /** xbits set / unset / toggle, after the rule matched. */
  void xbitsAction(Xbits x) {
    int cmd =
        switch (x.command()) {
          case SET -> 0;
          case UNSET -> 1;
          case TOGGLE -> 2;
          case ISSET, ISNOTSET -> throw new IllegalArgumentException(x.command().text());
        };
    e.ctx();
    e.g.push(x.name());
    e.g.push(track(x.track()));
    e.g.push(cmd);
    e.g.push(x.expireSeconds());
    e.g.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        HOST_BITS,
        "act",
        "("
            + Type.getDescriptor(org.vigil.detect.api.InspectionContext.class)
            + "Ljava/lang/String;III)V",
        false);
  }

  /** A flowint condition: jumps to {@code fail} when it does not match. */
  void flowint(Flowint f, Label fail) {
    callFlowint(f);
    e.g.visitJumpInsn(Opcodes.IFEQ, fail);
  }

  /** A flowint change, after the rule matched. */
  void flowintAction(Flowint f) {
    callFlowint(f);
    e.g.pop();
  }

  private void callFlowint(Flowint f) {
    e.ctx();
    e.g.push(f.name());
    e.g.push(f.op().code());
    e.g.push(f.value());
    if (f.valueVar() == null) {
      e.g.visitInsn(Opcodes.ACONST_NULL);
    } else {
      e.g.push(f.valueVar());
    }
    e.g.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        FLOW_BITS,
        "flowint",
        "("
            + Type.getDescriptor(org.vigil.detect.api.InspectionContext.class)
            + "Ljava/lang/String;IJLjava/lang/String;)Z",
        false);
  }
}
