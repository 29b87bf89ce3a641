package org.vigil.compiler.codegen;

import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.vigil.compiler.ir.*;
import org.vigil.detect.api.AppProtos;
import org.vigil.detect.api.FlowBits;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.IpOptions;

/**
 * Emits the non-payload checks of a rule inline: IP/TCP/ICMP header keywords, dsize, flow,
 * stream_size, urilen and flowbits isset/isnotset, each a few field loads and compares against the
 * rule's constants.
 */
final class PacketEmitter {
  private final Emit e;

  PacketEmitter(Emit e) {
    this.e = e;
  }

  private void fieldAsLong(String field) {
    e.ctxInt(field);
    e.g.visitInsn(Opcodes.I2L);
  }

  private void requireEq(String field, int value, Label fail) {
    e.ctxInt(field);
    e.g.push(value);
    e.g.visitJumpInsn(Opcodes.IF_ICMPNE, fail);
  }

  private void requireTcp(Label fail) {
    requireEq("ipProto", 6, fail);
  }

  private void requireV4(Label fail) {
    requireEq("ipVersion", 4, fail);
  }

  /** Flag tests of flags/fragbits: value on stack is an int; jumps to fail unless mode holds. */
  private void bits(BitsMode mode, int mask, Label fail) {
    switch (mode) {
      case EXACT -> {
        e.g.push(mask);
        e.g.visitJumpInsn(Opcodes.IF_ICMPNE, fail);
      }
      case ALL -> {
        e.g.push(mask);
        e.g.visitInsn(Opcodes.IAND);
        e.g.push(mask);
        e.g.visitJumpInsn(Opcodes.IF_ICMPNE, fail);
      }
      case ANY -> {
        e.g.push(mask);
        e.g.visitInsn(Opcodes.IAND);
        e.g.visitJumpInsn(Opcodes.IFEQ, fail);
      }
      case NOT -> {
        e.g.push(mask);
        e.g.visitInsn(Opcodes.IAND);
        e.g.push(mask);
        e.g.visitJumpInsn(Opcodes.IF_ICMPEQ, fail);
      }
    }
  }

  void packet(PacketOption p, Label fail) {
    switch (p) {
      case Dsize d -> {
        e.requireNonNegative("dsize", fail);
        fieldAsLong("dsize");
        e.numeric(d.check(), fail);
      }
      case Ttl t -> {
        fieldAsLong("ttl");
        e.numeric(t.check(), fail);
      }
      case Tos t -> {
        fieldAsLong("tos");
        e.numeric(t.check(), fail);
      }
      case IpId i -> {
        requireV4(fail);
        fieldAsLong("ipId");
        e.numeric(i.check(), fail);
      }
      case FragOffset f -> {
        requireV4(fail);
        fieldAsLong("fragOffset");
        e.numeric(f.check(), fail);
      }
      case IpProto i -> {
        fieldAsLong("ipProto");
        e.numeric(i.check(), fail);
      }
      case IpOpts o -> {
        requireV4(fail);
        e.ctxInt("ipOptions");
        if (o.option() != IpOpts.Option.ANY) {
          e.g.push(IpOptions.forType(o.option().code()));
          e.g.visitInsn(Opcodes.IAND);
        }
        e.g.visitJumpInsn(Opcodes.IFEQ, fail);
      }
      case FragBits f -> {
        requireV4(fail);
        int mask = 0;
        for (FragBits.Bit b : f.bits()) {
          mask |= b.mask() >>> 13;
        }
        e.ctxInt("ipFlags");
        e.g.push(7);
        e.g.visitInsn(Opcodes.IAND);
        bits(f.mode(), mask, fail);
      }
      case Flags f -> {
        requireTcp(fail);
        int mask = 0;
        int ignored = 0;
        for (TcpFlag t : f.flags()) {
          mask |= t.bit();
        }
        for (TcpFlag t : f.ignored()) {
          ignored |= t.bit();
        }
        e.ctxInt("tcpFlags");
        e.g.push(~ignored & 0xff);
        e.g.visitInsn(Opcodes.IAND);
        bits(f.mode(), mask, fail);
      }
      case Seq s -> {
        requireTcp(fail);
        e.ctxLong("tcpSeq");
        e.numeric(s.check(), fail);
      }
      case Ack a -> {
        requireTcp(fail);
        e.ctxLong("tcpAck");
        e.numeric(a.check(), fail);
      }
      case Window w -> {
        requireTcp(fail);
        fieldAsLong("tcpWindow");
        e.numeric(w.check(), fail);
      }
      case Itype i -> {
        e.requireNonNegative("icmpType", fail);
        fieldAsLong("icmpType");
        e.numeric(i.check(), fail);
      }
      case Icode i -> {
        e.requireNonNegative("icmpCode", fail);
        fieldAsLong("icmpCode");
        e.numeric(i.check(), fail);
      }
      case IcmpId i -> {
        e.requireNonNegative("icmpId", fail);
        fieldAsLong("icmpId");
        e.numeric(i.check(), fail);
      }
      case IcmpSeq i -> {
        e.requireNonNegative("icmpSeq", fail);
        fieldAsLong("icmpSeq");
        e.numeric(i.check(), fail);
      }
      case SameIp s -> {
        e.ctx();
        e.invokeStatic(
            org.vigil.detect.api.Primitives.class,
            "sameIp",
            "(" + Type.getDescriptor(InspectionContext.class) + ")Z");
        e.g.visitJumpInsn(Opcodes.IFEQ, fail);
      }
    }
  }

  void flow(Flow f, Label fail) {
    int need = 0;
    if (f.direction() == Flow.Dir.TO_SERVER) {
      need |= InspectionContext.FLOW_TO_SERVER;
    } else if (f.direction() == Flow.Dir.TO_CLIENT) {
      need |= InspectionContext.FLOW_TO_CLIENT;
    }
    if (f.state() == Flow.State.ESTABLISHED) {
      need |= InspectionContext.FLOW_ESTABLISHED;
    }
    if (need != 0) {
      e.ctxInt("flowFlags");
      e.g.push(need);
      e.g.visitInsn(Opcodes.IAND);
      e.g.push(need);
      e.g.visitJumpInsn(Opcodes.IF_ICMPNE, fail);
    }
    if (f.state() == Flow.State.NOT_ESTABLISHED) {
      e.ctxInt("flowFlags");
      e.g.push(InspectionContext.FLOW_ESTABLISHED);
      e.g.visitInsn(Opcodes.IAND);
      e.g.visitJumpInsn(Opcodes.IFNE, fail);
    }
    if (f.stream() != null) {
      e.ctx();
      e.g.visitFieldInsn(Opcodes.GETFIELD, Emit.CTX, "streamChunk", "Z");
      e.g.visitJumpInsn(
          f.stream() == Flow.StreamMode.ONLY_STREAM ? Opcodes.IFEQ : Opcodes.IFNE, fail);
    }
    if (f.frag() != null) {
      e.ctx();
      e.g.visitFieldInsn(Opcodes.GETFIELD, Emit.CTX, "fragmented", "Z");
      e.g.visitJumpInsn(f.frag() == Flow.FragMode.ONLY_FRAG ? Opcodes.IFEQ : Opcodes.IFNE, fail);
    }
  }

  void streamSize(StreamSize s, Label fail) {
    requireTcp(fail);
    switch (s.side()) {
      case SERVER -> {
        e.ctxLong("streamServerBytes");
        e.numeric(s.check(), fail);
      }
      case CLIENT -> {
        e.ctxLong("streamClientBytes");
        e.numeric(s.check(), fail);
      }
      case BOTH -> {
        e.ctxLong("streamServerBytes");
        e.numeric(s.check(), fail);
        e.ctxLong("streamClientBytes");
        e.numeric(s.check(), fail);
      }
      case EITHER -> {
        Label ok = new Label();
        Label second = new Label();
        e.ctxLong("streamServerBytes");
        e.numeric(s.check(), second);
        e.g.goTo(ok);
        e.g.mark(second);
        e.ctxLong("streamClientBytes");
        e.numeric(s.check(), fail);
        e.g.mark(ok);
      }
    }
  }

  /**
   * app-layer-protocol (or the header's protocol name): the flow's detected protocol is (or,
   * negated, is not) the rule's, dcerpc also being an SMB flow's; a protocol this runtime cannot
   * detect never is.
   */
  void appProtocol(AppLayerProtocol a, Label fail) {
    int id = AppProtos.id(a.name());
    if (id == AppProtos.DCERPC) {
      // as Suricata's protocol equality: DCE/RPC also runs over SMB's named pipes
      Label is = a.negated() ? fail : new Label();
      e.ctxInt("appProto");
      e.g.push(AppProtos.DCERPC);
      e.g.visitJumpInsn(Opcodes.IF_ICMPEQ, is);
      e.ctxInt("appProto");
      e.g.push(AppProtos.SMB);
      e.g.visitJumpInsn(Opcodes.IF_ICMPEQ, is);
      if (!a.negated()) {
        e.g.goTo(fail);
        e.g.mark(is);
      }
      return;
    }
    e.ctxInt("appProto");
    e.g.push(id < 0 ? Integer.MIN_VALUE : id);
    e.g.visitJumpInsn(a.negated() ? Opcodes.IF_ICMPEQ : Opcodes.IF_ICMPNE, fail);
  }

  /** urilen and bsize: the length of buffer {@code bufferId}; an absent buffer fails. */
  void bufferSize(NumericCheck check, int bufferId, Label fail) {
    e.ctx();
    e.g.visitFieldInsn(Opcodes.GETFIELD, Emit.CTX, "len", "[I");
    e.g.push(bufferId);
    e.g.visitInsn(Opcodes.IALOAD);
    e.g.dup();
    Label ok = new Label();
    e.g.visitJumpInsn(Opcodes.IFGE, ok);
    e.g.pop();
    e.g.goTo(fail);
    e.g.mark(ok);
    e.g.visitInsn(Opcodes.I2L);
    e.numeric(check, fail);
  }

  private void loadBits() {
    e.ctx();
    e.g.visitFieldInsn(Opcodes.GETFIELD, Emit.CTX, "flowbits", Type.getDescriptor(FlowBits.class));
  }

  private void isSet(int bit) {
    loadBits();
    e.g.push(bit);
    e.g.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL, Type.getInternalName(FlowBits.class), "isSet", "(I)Z", false);
  }

  void flowbitCheck(Flowbits fb, Map<String, Integer> bitIds, Label fail) {
    loadBits();
    e.g.visitJumpInsn(Opcodes.IFNULL, fail);
    boolean want = fb.command() == Flowbits.Command.ISSET;
    // per name: "ok" means isSet == want
    if (fb.join() == Flowbits.Join.ANY) {
      Label ok = new Label();
      for (String n : fb.names()) {
        isSet(bitIds.get(n));
        e.g.visitJumpInsn(want ? Opcodes.IFNE : Opcodes.IFEQ, ok);
      }
      e.g.goTo(fail);
      e.g.mark(ok);
    } else {
      for (String n : fb.names()) {
        isSet(bitIds.get(n));
        e.g.visitJumpInsn(want ? Opcodes.IFEQ : Opcodes.IFNE, fail);
      }
    }
  }

  void flowbitAction(Flowbits fb, Map<String, Integer> bitIds) {
    String m =
        switch (fb.command()) {
          case SET -> "set";
          case UNSET -> "unset";
          case TOGGLE -> "toggle";
          case ISSET, ISNOTSET, NOALERT, RESET ->
              throw new IllegalArgumentException(fb.command().text());
        };
    for (String n : fb.names()) {
      loadBits();
      e.g.push(bitIds.get(n));
      e.g.visitMethodInsn(
          Opcodes.INVOKEVIRTUAL, Type.getInternalName(FlowBits.class), m, "(I)V", false);
    }
  }
}
