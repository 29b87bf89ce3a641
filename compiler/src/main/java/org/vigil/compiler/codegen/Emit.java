package org.vigil.compiler.codegen;

import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.detect.api.InspectionContext;

/**
 * The state shared by the emitters of one rule method: the generator, constants, variable locals,
 * scratch locals.
 */
final class Emit {
  static final String CTX = Type.getInternalName(InspectionContext.class);
  static final int CTX_ARG = 0;

  final GeneratorAdapter g;
  final ConstantPool constants;
  final String owner;

  /** byte_extract variable name to its long local. */
  final Map<String, Integer> varLocals;

  final int scratchLong;

  /**
   * Global index of the rule being emitted, and its options (for plugin state lookup); -1/null if
   * unknown.
   */
  final int ruleIndex;

  final java.util.List<org.vigil.compiler.ir.RuleOption> ruleOptions;

  Emit(GeneratorAdapter g, ConstantPool constants, String owner, Map<String, Integer> varLocals) {
    this(g, constants, owner, varLocals, -1, null);
  }

  Emit(
      GeneratorAdapter g,
      ConstantPool constants,
      String owner,
      Map<String, Integer> varLocals,
      int ruleIndex,
      java.util.List<org.vigil.compiler.ir.RuleOption> ruleOptions) {
    this.ruleIndex = ruleIndex;
    this.ruleOptions = ruleOptions;
    this.g = g;
    this.constants = constants;
    this.owner = owner;
    this.varLocals = varLocals;
    this.scratchLong = g.newLocal(Type.LONG_TYPE);
    g.push(0L);
    g.storeLocal(scratchLong);
  }

  /** Pushes the context. */
  void ctx() {
    g.loadArg(CTX_ARG);
  }

  /** Pushes an int field of the context. */
  void ctxInt(String field) {
    ctx();
    g.visitFieldInsn(Opcodes.GETFIELD, CTX, field, "I");
  }

  /** Pushes a long field of the context. */
  void ctxLong(String field) {
    ctx();
    g.visitFieldInsn(Opcodes.GETFIELD, CTX, field, "J");
  }

  /** Pushes an IntArg as a long (a literal, or the byte_extract variable's local). */
  void pushArg(IntArg a) {
    switch (a) {
      case IntArg.Literal l -> g.push(l.value());
      case IntArg.Variable v -> g.loadLocal(varLocals.get(v.name()));
    }
  }

  /** With a long on the stack: jumps to {@code fail} unless it satisfies {@code ck}; pops it. */
  void numeric(NumericCheck ck, Label fail) {
    if (ck.op() == NumericCheck.Op.RANGE) {
      g.storeLocal(scratchLong);
      g.loadLocal(scratchLong);
      g.push(ck.value());
      g.visitInsn(Opcodes.LCMP);
      g.visitJumpInsn(Opcodes.IFLE, fail);
      g.loadLocal(scratchLong);
      g.push(ck.value2());
      g.visitInsn(Opcodes.LCMP);
      g.visitJumpInsn(Opcodes.IFGE, fail);
      return;
    }
    g.push(ck.value());
    g.visitInsn(Opcodes.LCMP);
    int jump =
        switch (ck.op()) {
          case EQ -> Opcodes.IFNE;
          case NE -> Opcodes.IFEQ;
          case LT -> Opcodes.IFGE;
          case GT -> Opcodes.IFLE;
          case LE -> Opcodes.IFGT;
          case GE -> Opcodes.IFLT;
          case RANGE -> throw new AssertionError();
        };
    g.visitJumpInsn(jump, fail);
  }

  /** Jumps to {@code fail} unless {@code ctx.field >= 0}. */
  void requireNonNegative(String field, Label fail) {
    ctxInt(field);
    g.visitJumpInsn(Opcodes.IFLT, fail);
  }

  /** Calls a static method of {@code owner}. */
  void invokeStatic(Class<?> owner, String name, String desc) {
    g.visitMethodInsn(Opcodes.INVOKESTATIC, Type.getInternalName(owner), name, desc, false);
  }
}
