package org.vigil.compiler.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;
import org.vigil.compiler.analysis.BufferIds;
import org.vigil.compiler.analysis.RulePlan;
import org.vigil.compiler.ir.*;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.RuleMatcher;

/**
 * Generates one {@link RuleMatcher} class for a slice of consecutive rules: a static method per
 * rule with its checks inlined as straight-line bytecode, and {@code match} dispatching on the
 * global rule index with a {@code tableswitch}.
 */
public final class RuleClassGenerator {
  /** Package of the generated classes (internal form). */
  public static final String PACKAGE = "org/vigil/generated/";

  private RuleClassGenerator() {}

  /** The name of rule {@code index}'s method. */
  public static String methodName(int index) {
    return "r" + index;
  }

  /**
   * Bytecode of class {@code internalName} answering rules {@code firstIndex .. firstIndex +
   * plans.size() - 1}; {@code bitIds} numbers the flowbits.
   */
  public static byte[] generate(
      String internalName, List<RulePlan> plans, int firstIndex, Map<String, Integer> bitIds) {
    ClassWriter cw =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
          @Override
          protected String getCommonSuperClass(String a, String b) {
            return "java/lang/Object";
          }
        };
    cw.visit(
        Opcodes.V21,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
        internalName,
        null,
        "java/lang/Object",
        new String[] {Type.getInternalName(RuleMatcher.class)});
    ConstantPool constants = new ConstantPool(internalName);
    MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    for (int i = 0; i < plans.size(); i++) {
      ruleMethod(cw, internalName, constants, plans.get(i), firstIndex + i, bitIds);
    }
    dispatch(cw, internalName, firstIndex, plans.size());
    constants.emit(cw);
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static final String RULE_DESC = "(" + Type.getDescriptor(InspectionContext.class) + ")I";

  private static void dispatch(ClassWriter cw, String owner, int first, int count) {
    Method m = new Method("match", "(I" + Type.getDescriptor(InspectionContext.class) + ")I");
    GeneratorAdapter g =
        new GeneratorAdapter(
            Opcodes.ACC_PUBLIC,
            m,
            cw.visitMethod(Opcodes.ACC_PUBLIC, m.getName(), m.getDescriptor(), null, null));
    g.visitCode();
    Label dflt = new Label();
    Label[] cases = new Label[count];
    for (int i = 0; i < count; i++) {
      cases[i] = new Label();
    }
    g.loadArg(0);
    g.visitTableSwitchInsn(first, first + count - 1, dflt, cases);
    for (int i = 0; i < count; i++) {
      g.mark(cases[i]);
      g.loadArg(1);
      g.visitMethodInsn(Opcodes.INVOKESTATIC, owner, methodName(first + i), RULE_DESC, false);
      g.returnValue();
    }
    g.mark(dflt);
    g.push(RuleMatcher.NO_MATCH);
    g.returnValue();
    g.endMethod();
  }

  private static void ruleMethod(
      ClassWriter cw,
      String owner,
      ConstantPool constants,
      RulePlan plan,
      int index,
      Map<String, Integer> bitIds) {
    Method m = new Method(methodName(index), RULE_DESC);
    int access = Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE;
    GeneratorAdapter g =
        new GeneratorAdapter(
            access, m, cw.visitMethod(access, m.getName(), m.getDescriptor(), null, null));
    g.visitCode();
    Map<String, Integer> vars = new HashMap<>();
    for (String v : plan.variables().keySet()) {
      int l = g.newLocal(Type.LONG_TYPE);
      g.push(0L);
      g.storeLocal(l);
      vars.put(v, l);
    }
    Emit e = new Emit(g, constants, owner, vars, index, plan.rule().options());
    Label fail = new Label();
    new HeaderEmitter(e).header(plan, fail);
    PacketEmitter pk = new PacketEmitter(e);
    for (Flow f : plan.flows()) {
      pk.flow(f, fail);
    }
    for (PacketOption p : plan.packetChecks()) {
      pk.packet(p, fail);
    }
    for (StreamSize s : plan.streamSizes()) {
      pk.streamSize(s, fail);
    }
    for (AppLayerProtocol a : plan.appProtocols()) {
      pk.appProtocol(a, fail);
    }
    for (PayloadOption u : plan.urilens()) {
      NumericCheck check =
          switch (u) {
            case Urilen x -> x.check();
            case Bsize x -> x.check();
            default -> throw new IllegalStateException("not a size check: " + u.keyword());
          };
      pk.bufferSize(check, BufferIds.of(u.buffer(), u.pos()), fail);
    }
    for (Flowbits fb : plan.flowbitChecks()) {
      pk.flowbitCheck(fb, bitIds, fail);
    }
    // base64_data chains run inside the chain of their base64_decode (see ChainEmitter)
    List<RulePlan.Chain> base64 = new ArrayList<>();
    for (RulePlan.Chain ch : plan.chains()) {
      if (ch.bufferId() == Buffers.BASE64_DATA) {
        base64.add(ch);
      }
    }
    for (RulePlan.Chain ch : plan.chains()) {
      if (ch.bufferId() != Buffers.BASE64_DATA) {
        new ChainEmitter(e, base64).chain(ch, fail);
      }
    }
    StateEmitter st = new StateEmitter(e);
    // xbits and flowint conditions (Suricata's match list)
    for (RuleOption o : plan.rule().options()) {
      if (o instanceof Xbits x && !x.command().isAction()) {
        st.xbitsCheck(x, fail);
      } else if (o instanceof Flowint f && !f.op().isAction()) {
        st.flowint(f, fail);
      }
    }
    if (!plan.flowbitActions().isEmpty()) {
      Label skip = new Label();
      e.ctx();
      g.visitFieldInsn(
          Opcodes.GETFIELD,
          Emit.CTX,
          "flowbits",
          Type.getDescriptor(org.vigil.detect.api.FlowBits.class));
      g.visitJumpInsn(Opcodes.IFNULL, skip);
      for (Flowbits fb : plan.flowbitActions()) {
        pk.flowbitAction(fb, bitIds);
      }
      g.mark(skip);
    }
    // xbits and flowint changes once the rule matched (Suricata's post-match list)
    for (RuleOption o : plan.rule().options()) {
      if (o instanceof Xbits x && x.command().isAction()) {
        st.xbitsAction(x);
      } else if (o instanceof Flowint f && f.op().isAction()) {
        st.flowintAction(f);
      }
    }
    g.push(plan.noalert() ? RuleMatcher.MATCH_NOALERT : RuleMatcher.ALERT);
    g.returnValue();
    g.mark(fail);
    g.push(RuleMatcher.NO_MATCH);
    g.returnValue();
    g.endMethod();
  }
}
