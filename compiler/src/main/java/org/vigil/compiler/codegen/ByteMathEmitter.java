package org.vigil.compiler.codegen;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.vigil.compiler.ir.ByteExtract;
import org.vigil.compiler.ir.ByteJump;
import org.vigil.compiler.ir.ByteTest;
import org.vigil.compiler.ir.Endian;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.NumberEncoding;
import org.vigil.detect.api.DceState;
import org.vigil.detect.api.Primitives;

/**
 * Emits the numeric options of a chain (byte_test, byte_jump, byte_extract): a read of the bytes at
 * an offset as a number, then a comparison, a cursor move or a variable store. Works on the locals
 * of the chain being emitted.
 */
final class ByteMathEmitter {
  private static final String PRIM = Type.getInternalName(Primitives.class);

  private final Emit e;
  private final int data;
  private final int base;
  private final int len;
  private final int cursor;
  private final int tStart;
  private final int tEnd;
  private final int tVal;

  /** The number of bytes of the read being emitted when a byte_extract variable gives it. */
  private final int nBytes;

  /** The variable giving the number of bytes of the read being emitted, or null. */
  private IntArg.Variable bytesVar;

  /**
   * Uses the chain's buffer locals ({@code data}, {@code base}, {@code len}, {@code cursor}) and
   * its long temporaries.
   */
  ByteMathEmitter(Emit e, int data, int base, int len, int cursor, int tStart, int tEnd, int tVal) {
    this.e = e;
    this.data = data;
    this.base = base;
    this.len = len;
    this.cursor = cursor;
    this.tStart = tStart;
    this.tEnd = tEnd;
    this.tVal = tVal;
    this.nBytes = e.g.newLocal(Type.INT_TYPE);
    e.g.push(0);
    e.g.storeLocal(nBytes);
  }

  /**
   * With {@code var}: its value, the number of bytes to read, into nBytes; fails unless it is in
   * 1..{@code max} (Suricata 7 checks a variable count when the option runs).
   */
  private void loadBytesVar(IntArg.Variable var, int max, Label fail) {
    bytesVar = var;
    if (var == null) {
      return;
    }
    e.pushArg(var);
    e.g.dup2();
    e.g.push(1L);
    e.g.visitInsn(Opcodes.LCMP);
    Label low = new Label();
    Label ok = new Label();
    e.g.visitJumpInsn(Opcodes.IFLT, low);
    e.g.dup2();
    e.g.push((long) max);
    e.g.visitInsn(Opcodes.LCMP);
    e.g.visitJumpInsn(Opcodes.IFLE, ok);
    e.g.mark(low);
    e.g.pop2();
    e.g.visitJumpInsn(Opcodes.GOTO, fail);
    e.g.mark(ok);
    e.g.visitInsn(Opcodes.L2I);
    e.g.storeLocal(nBytes);
  }

  /** Pushes the number of bytes of the read being emitted (an int). */
  private void pushBytes(int nbytes) {
    if (bytesVar != null) {
      e.g.loadLocal(nBytes);
    } else {
      e.g.push(nbytes);
    }
  }

  private void pushCursorLong() {
    e.g.loadLocal(cursor);
    e.g.visitInsn(Opcodes.I2L);
  }

  private void pushLenLong() {
    e.g.loadLocal(len);
    e.g.visitInsn(Opcodes.I2L);
  }

  /**
   * Computes pos into tStart and the read value into tVal; fails when out of range or unreadable.
   */
  private void read(
      boolean relative,
      IntArg offset,
      int nbytes,
      Endian endian,
      boolean dce,
      NumberEncoding enc,
      Long mask,
      Label fail) {
    if (relative) {
      pushCursorLong();
    } else {
      e.g.push(0L);
    }
    e.pushArg(offset);
    e.g.visitInsn(Opcodes.LADD);
    e.g.storeLocal(tStart);
    e.g.loadLocal(tStart);
    e.g.push(0L);
    e.g.visitInsn(Opcodes.LCMP);
    e.g.visitJumpInsn(Opcodes.IFLT, fail);
    e.g.loadLocal(tStart);
    pushLenLong();
    e.g.visitInsn(Opcodes.LCMP);
    e.g.visitJumpInsn(Opcodes.IFGT, fail);
    pushReadArgs(nbytes);
    if (enc == NumberEncoding.BINARY) {
      if (dce) {
        // the dce option reads in the DCE/RPC call's data representation
        e.ctx();
        e.invokeStatic(
            DceState.class,
            "bigEndian",
            "(" + Type.getDescriptor(org.vigil.detect.api.InspectionContext.class) + ")Z");
      } else {
        e.g.push(endian != Endian.LITTLE);
      }
      e.g.visitMethodInsn(Opcodes.INVOKESTATIC, PRIM, "readBinary", "([BIIIIZ)J", false);
    } else {
      e.g.push(enc.radix());
      e.g.visitMethodInsn(Opcodes.INVOKESTATIC, PRIM, "readString", "([BIIIII)J", false);
    }
    e.g.dup2();
    e.g.storeLocal(tVal);
    e.g.push(Long.MIN_VALUE);
    e.g.visitInsn(Opcodes.LCMP);
    Label read = new Label();
    e.g.visitJumpInsn(Opcodes.IFNE, read);
    // BAD: a failed read, or the value 2^63, which has the same bits
    pushReadArgs(nbytes);
    e.g.push(enc == NumberEncoding.BINARY ? 0 : enc.radix());
    e.g.visitMethodInsn(Opcodes.INVOKESTATIC, PRIM, "readFailed", "([BIIIII)Z", false);
    e.g.visitJumpInsn(Opcodes.IFNE, fail);
    e.g.visitLabel(read);
    if (mask != null && mask != 0) {
      e.g.loadLocal(tVal);
      e.g.push((long) mask);
      e.g.visitMethodInsn(Opcodes.INVOKESTATIC, PRIM, "applyMask", "(JJ)J", false);
      e.g.storeLocal(tVal);
    }
  }

  /** Pushes a numeric read's arguments: buffer, base, length, position (tStart) and byte count. */
  private void pushReadArgs(int nbytes) {
    e.g.loadLocal(data);
    e.g.loadLocal(base);
    e.g.loadLocal(len);
    e.g.loadLocal(tStart);
    e.g.visitInsn(Opcodes.L2I);
    pushBytes(nbytes);
  }

  private void multiplyAlign(int multiplier, int align) {
    if (multiplier != 1) {
      e.g.loadLocal(tVal);
      e.g.push((long) multiplier);
      e.g.visitInsn(Opcodes.LMUL);
      e.g.storeLocal(tVal);
    }
    if (align > 0) {
      // if (v % align != 0) v += align - v % align
      Label done = new Label();
      e.g.loadLocal(tVal);
      e.g.push((long) align);
      e.g.visitInsn(Opcodes.LREM);
      e.g.push(0L);
      e.g.visitInsn(Opcodes.LCMP);
      e.g.visitJumpInsn(Opcodes.IFEQ, done);
      e.g.loadLocal(tVal);
      e.g.push((long) align);
      e.g.loadLocal(tVal);
      e.g.push((long) align);
      e.g.visitInsn(Opcodes.LREM);
      e.g.visitInsn(Opcodes.LSUB);
      e.g.visitInsn(Opcodes.LADD);
      e.g.storeLocal(tVal);
      e.g.mark(done);
    }
  }

  void byteTest(ByteTest t, Label fail) {
    if (t.bytes() == 0) {
      // Suricata never matches a byte_test on an empty buffer; other reads fail there anyway
      e.g.loadLocal(len);
      e.g.visitJumpInsn(Opcodes.IFLE, fail);
    }
    loadBytesVar(t.bytesVar(), t.bytes(), fail);
    read(t.relative(), t.offset(), t.bytes(), t.endian(), t.dce(), t.encoding(), t.bitmask(), fail);
    e.g.loadLocal(tVal);
    e.pushArg(t.value());
    boolean neg = t.negated();
    // a switch expression, so a new operator is a compile error here
    int failJump =
        switch (t.operator()) {
          case AND -> bitTest(Opcodes.LAND, neg);
          case XOR -> bitTest(Opcodes.LXOR, neg);
          case LT -> unsignedCompare(neg ? Opcodes.IFLT : Opcodes.IFGE);
          case GT -> unsignedCompare(neg ? Opcodes.IFGT : Opcodes.IFLE);
          case LE -> unsignedCompare(neg ? Opcodes.IFLE : Opcodes.IFGT);
          case GE -> unsignedCompare(neg ? Opcodes.IFGE : Opcodes.IFLT);
          case EQ -> unsignedCompare(neg ? Opcodes.IFEQ : Opcodes.IFNE);
        };
    e.g.visitJumpInsn(failJump, fail);
  }

  /** Applies AND or XOR to the two longs on the stack; returns the jump that fails the test. */
  private int bitTest(int op, boolean neg) {
    e.g.visitInsn(op);
    e.g.push(0L);
    e.g.visitInsn(Opcodes.LCMP);
    return neg ? Opcodes.IFNE : Opcodes.IFEQ;
  }

  /**
   * Compares the two longs on the stack as uint64 (as Suricata's byte_test); returns {@code
   * failJump}.
   */
  private int unsignedCompare(int failJump) {
    e.g.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
    return failJump;
  }

  /**
   * byte_jump as Suricata 7 evaluates it: no match on an empty buffer; the target is the read value
   * (times multiplier, aligned, plus post_offset) from the buffer start, the buffer end or the end
   * of the bytes read; a target past the end fails, one before the start moves the cursor to the
   * start.
   */
  void byteJump(ByteJump j, Label fail) {
    e.g.loadLocal(len);
    e.g.visitJumpInsn(Opcodes.IFLE, fail);
    loadBytesVar(j.bytesVar(), j.bytes(), fail);
    read(j.relative(), j.offset(), j.bytes(), j.endian(), j.dce(), j.encoding(), j.bitmask(), fail);
    multiplyAlign(j.multiplier(), j.align() ? 4 : 0);
    if (j.fromBeginning()) {
      e.g.push(0L);
    } else if (j.fromEnd()) {
      pushLenLong();
    } else {
      e.g.loadLocal(tStart);
      pushBytes(j.bytes());
      e.g.visitInsn(Opcodes.I2L);
      e.g.visitInsn(Opcodes.LADD);
    }
    e.g.loadLocal(tVal);
    e.g.visitInsn(Opcodes.LADD);
    if (j.postOffset() != null) {
      e.pushArg(j.postOffset());
      e.g.visitInsn(Opcodes.LADD);
    }
    e.g.storeLocal(tEnd);
    Label inside = new Label();
    e.g.loadLocal(tEnd);
    e.g.push(0L);
    e.g.visitInsn(Opcodes.LCMP);
    e.g.visitJumpInsn(Opcodes.IFGE, inside);
    e.g.push(0L);
    e.g.storeLocal(tEnd);
    e.g.mark(inside);
    e.g.loadLocal(tEnd);
    pushLenLong();
    e.g.visitInsn(Opcodes.LCMP);
    e.g.visitJumpInsn(Opcodes.IFGT, fail);
    e.g.loadLocal(tEnd);
    e.g.visitInsn(Opcodes.L2I);
    e.g.storeLocal(cursor);
  }

  /**
   * byte_math as Suricata 7 evaluates it: no match on an empty buffer or with a byte count outside
   * 1..4 (binary) or 1..10 (string); the number read, combined with the rvalue as uint64 (a
   * division by 0 fails, a left shift by 64 or more gives 0), masked, goes to the result variable;
   * the cursor moves past the bytes read.
   */
  void byteMath(org.vigil.compiler.ir.ByteMath m, Label fail) {
    e.g.loadLocal(len);
    e.g.visitJumpInsn(Opcodes.IFLE, fail);
    int max = m.maxBytes();
    if (m.bytesVar() == null && m.bytes() > max) {
      e.g.visitJumpInsn(Opcodes.GOTO, fail);
      return;
    }
    if (m.bytesVar() != null) {
      // Suricata keeps the variable's low byte as the count
      e.pushArg(m.bytesVar());
      e.g.push(0xffL);
      e.g.visitInsn(Opcodes.LAND);
      e.g.visitInsn(Opcodes.L2I);
      e.g.storeLocal(nBytes);
      e.g.loadLocal(nBytes);
      e.g.visitJumpInsn(Opcodes.IFLE, fail);
      e.g.loadLocal(nBytes);
      e.g.push(max);
      e.g.visitJumpInsn(Opcodes.IF_ICMPGT, fail);
      bytesVar = m.bytesVar();
    } else {
      bytesVar = null;
    }
    read(
        m.relative(),
        IntArg.of(m.offset()),
        m.bytes(),
        m.endian(),
        false,
        m.encoding(),
        null,
        fail);
    e.g.loadLocal(tVal);
    e.pushArg(m.rvalue());
    switch (m.operator()) {
      case ADD -> e.g.visitInsn(Opcodes.LADD);
      case SUBTRACT -> e.g.visitInsn(Opcodes.LSUB);
      case MULTIPLY -> e.g.visitInsn(Opcodes.LMUL);
      case DIVIDE -> {
        e.g.dup2();
        e.g.push(0L);
        e.g.visitInsn(Opcodes.LCMP);
        Label nonZero = new Label();
        e.g.visitJumpInsn(Opcodes.IFNE, nonZero);
        e.g.pop2();
        e.g.pop2();
        e.g.visitJumpInsn(Opcodes.GOTO, fail);
        e.g.mark(nonZero);
        e.g.visitMethodInsn(
            Opcodes.INVOKESTATIC, "java/lang/Long", "divideUnsigned", "(JJ)J", false);
      }
      case SHIFT_LEFT ->
          e.g.visitMethodInsn(Opcodes.INVOKESTATIC, PRIM, "shiftLeft", "(JJ)J", false);
      case SHIFT_RIGHT -> {
        e.g.visitInsn(Opcodes.L2I);
        e.g.visitInsn(Opcodes.LUSHR);
      }
    }
    if (m.bitmask() != null && m.bitmask() != 0) {
      e.g.push((long) m.bitmask());
      e.g.visitMethodInsn(Opcodes.INVOKESTATIC, PRIM, "applyMask", "(JJ)J", false);
    } else if (m.bitmask() != null) {
      e.g.pop2();
      e.g.push(0L);
    }
    e.g.storeLocal(e.varLocals.get(m.result()));
    e.g.loadLocal(tStart);
    e.g.visitInsn(Opcodes.L2I);
    pushBytes(m.bytes());
    e.g.visitInsn(Opcodes.IADD);
    e.g.storeLocal(cursor);
    bytesVar = null;
  }

  void byteExtract(ByteExtract x, Label fail) {
    loadBytesVar(null, x.bytes(), fail);
    read(x.relative(), x.offset(), x.bytes(), x.endian(), x.dce(), x.encoding(), x.bitmask(), fail);
    multiplyAlign(x.multiplier(), x.align());
    e.g.loadLocal(tVal);
    e.g.storeLocal(e.varLocals.get(x.name()));
    e.g.loadLocal(tStart);
    e.g.visitInsn(Opcodes.L2I);
    e.g.push(x.bytes());
    e.g.visitInsn(Opcodes.IADD);
    e.g.storeLocal(cursor);
  }
}
