package org.vigil.compiler.codegen;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.vigil.compiler.analysis.PortSets;
import org.vigil.compiler.analysis.RulePlan;
import org.vigil.compiler.ir.Protocol;
import org.vigil.detect.api.AddressSet;

/**
 * Emits the rule header check: IP version, protocol, then ports and addresses (both orders for
 * {@code <>}); parts that match everything emit nothing.
 */
final class HeaderEmitter {
  private final Emit e;

  HeaderEmitter(Emit e) {
    this.e = e;
  }

  void header(RulePlan plan, Label fail) {
    e.ctxInt("ipVersion");
    e.g.visitJumpInsn(Opcodes.IFEQ, fail);
    Protocol proto = plan.rule().protocol();
    switch (proto) {
      case TCP -> requireProto(6, fail);
      case UDP -> requireProto(17, fail);
      case ICMP -> {
        Label ok = new Label();
        e.ctxInt("ipProto");
        e.g.push(1);
        e.g.visitJumpInsn(Opcodes.IF_ICMPEQ, ok);
        requireProto(58, fail);
        e.g.mark(ok);
      }
      case IP -> {}
    }
    boolean trivial =
        plan.srcAddr().isAny()
            && plan.dstAddr().isAny()
            && PortSets.isAny(plan.srcPorts())
            && PortSets.isAny(plan.dstPorts());
    if (trivial) {
      return;
    }
    if (!plan.bidirectional()) {
      direction(plan, false, fail);
      return;
    }
    Label reverse = new Label();
    Label ok = new Label();
    direction(plan, false, reverse);
    e.g.goTo(ok);
    e.g.mark(reverse);
    direction(plan, true, fail);
    e.g.mark(ok);
  }

  private void requireProto(int p, Label fail) {
    e.ctxInt("ipProto");
    e.g.push(p);
    e.g.visitJumpInsn(Opcodes.IF_ICMPNE, fail);
  }

  /** Ports first (a few int compares), then addresses (a search of the set's intervals). */
  private void direction(RulePlan plan, boolean swap, Label fail) {
    ports(plan, swap, fail);
    address(plan.srcAddr(), swap ? "dstIp" : "srcIp", fail);
    address(plan.dstAddr(), swap ? "srcIp" : "dstIp", fail);
  }

  private void ports(RulePlan plan, boolean swap, Label fail) {
    boolean sAny = PortSets.isAny(plan.srcPorts());
    boolean dAny = PortSets.isAny(plan.dstPorts());
    if (sAny && dAny) {
      return;
    }
    Label skip = new Label();
    Protocol proto = plan.rule().protocol();
    if (proto != Protocol.TCP && proto != Protocol.UDP) {
      // ports only mean something for TCP and UDP packets
      Label check = new Label();
      e.ctxInt("ipProto");
      e.g.push(6);
      e.g.visitJumpInsn(Opcodes.IF_ICMPEQ, check);
      e.ctxInt("ipProto");
      e.g.push(17);
      e.g.visitJumpInsn(Opcodes.IF_ICMPNE, skip);
      e.g.mark(check);
    }
    if (!sAny) {
      ports(plan.srcPorts(), swap ? "dstPort" : "srcPort", fail);
    }
    if (!dAny) {
      ports(plan.dstPorts(), swap ? "srcPort" : "dstPort", fail);
    }
    e.g.mark(skip);
  }

  private void address(AddressSet set, String field, Label fail) {
    if (set.isAny()) {
      return;
    }
    String f = e.constants.addresses(set);
    String desc = Type.getDescriptor(AddressSet.class);
    e.g.visitFieldInsn(Opcodes.GETSTATIC, e.owner, f, desc);
    e.ctx();
    e.g.visitFieldInsn(Opcodes.GETFIELD, Emit.CTX, field, "[B");
    e.ctxInt("ipVersion");
    e.g.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL, Type.getInternalName(AddressSet.class), "contains", "([BI)Z", false);
    e.g.visitJumpInsn(Opcodes.IFEQ, fail);
  }

  private void ports(int[] ranges, String field, Label fail) {
    Label in = new Label();
    for (int i = 0; i < ranges.length; i += 2) {
      Label next = new Label();
      if (ranges[i] == ranges[i + 1]) {
        e.ctxInt(field);
        e.g.push(ranges[i]);
        e.g.visitJumpInsn(Opcodes.IF_ICMPEQ, in);
        continue;
      }
      e.ctxInt(field);
      e.g.push(ranges[i]);
      e.g.visitJumpInsn(Opcodes.IF_ICMPLT, next);
      e.ctxInt(field);
      e.g.push(ranges[i + 1]);
      e.g.visitJumpInsn(Opcodes.IF_ICMPLE, in);
      e.g.mark(next);
    }
    e.g.goTo(fail);
    e.g.mark(in);
  }
}
