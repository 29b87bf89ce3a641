package org.vigil.compiler.codegen;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.vigil.compiler.analysis.DatasetChecks;
import org.vigil.compiler.ir.Asn1;
import org.vigil.compiler.ir.Base64Decode;
import org.vigil.compiler.ir.Datarep;
import org.vigil.compiler.ir.DatasetMatch;
import org.vigil.detect.api.Asn1Check;
import org.vigil.detect.api.Datasets;
import org.vigil.detect.api.FtpBounceCheck;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.Primitives;

/**
 * Emits a chain's checks that test the buffer (or the packet) as a whole and leave the cursor where
 * it is: asn1, ftpbounce, dataset, datarep and base64_decode; each jumps to the given label when it
 * fails. The locals are the chain's, allocated by {@link ChainEmitter}.
 */
final class CheckEmitter {
  private final Emit e;
  private final int data;
  private final int base;
  private final int len;
  private final int cursor;

  CheckEmitter(Emit e, int data, int base, int len, int cursor) {
    this.e = e;
    this.data = data;
    this.base = base;
    this.len = len;
    this.cursor = cursor;
  }

  /**
   * asn1: the BER checks ({@link Asn1Check}) on the packet's own payload (also when the chain read
   * a stream chunk), from the keyword's start offset.
   */
  void asn1(Asn1 a, Label fail) {
    int checks =
        (a.bitstringOverflow() ? Asn1Check.BITSTRING_OVERFLOW : 0)
            | (a.doubleOverflow() ? Asn1Check.DOUBLE_OVERFLOW : 0)
            | (a.oversizeLength() != null ? Asn1Check.OVERSIZE_LENGTH : 0);
    int mode =
        a.absoluteOffset() != null
            ? Asn1Check.ABSOLUTE
            : a.relativeOffset() != null ? Asn1Check.RELATIVE : Asn1Check.FROM_START;
    long offset =
        a.absoluteOffset() != null
            ? a.absoluteOffset()
            : a.relativeOffset() != null ? a.relativeOffset() : 0;
    e.ctx();
    e.g.visitFieldInsn(Opcodes.GETFIELD, Emit.CTX, "packetData", "[B");
    e.ctx();
    e.g.visitFieldInsn(Opcodes.GETFIELD, Emit.CTX, "packetOff", "I");
    e.ctx();
    e.g.visitFieldInsn(Opcodes.GETFIELD, Emit.CTX, "packetLen", "I");
    e.g.loadLocal(cursor);
    e.g.push(checks);
    e.g.push(a.oversizeLength() == null ? 0L : a.oversizeLength());
    e.g.push(mode);
    e.g.push(offset);
    e.invokeStatic(Asn1Check.class, "matches", "([BIIIIJIJ)Z");
    e.g.visitJumpInsn(Opcodes.IFEQ, fail);
  }

  /** ftpbounce: the buffer's PORT command names another host than the client. */
  void ftpbounce(Label fail) {
    e.ctx();
    e.g.loadLocal(data);
    e.g.loadLocal(base);
    e.g.loadLocal(len);
    e.invokeStatic(
        FtpBounceCheck.class,
        "matches",
        "(" + Type.getDescriptor(InspectionContext.class) + "[BII)Z");
    e.g.visitJumpInsn(Opcodes.IFEQ, fail);
  }

  /** dataset: the whole (transformed) buffer against the set ({@link Datasets#match}). */
  void dataset(DatasetMatch d, Label fail) {
    String field =
        e.constants.dataset(DatasetChecks.spec(d.name(), d.type(), d.load(), d.save(), d.memcap()));
    e.g.visitFieldInsn(Opcodes.GETSTATIC, e.owner, field, ConstantPool.DATASET);
    e.g.push(d.command().id());
    e.g.loadLocal(data);
    e.g.loadLocal(base);
    e.g.loadLocal(len);
    e.invokeStatic(Datasets.class, "match", "(" + ConstantPool.DATASET + "I[BII)Z");
    e.g.visitJumpInsn(Opcodes.IFEQ, fail);
  }

  /** datarep: the reputation of the whole buffer's value ({@link Datasets#reputation}). */
  void datarep(Datarep d, Label fail) {
    String field =
        e.constants.dataset(DatasetChecks.spec(d.name(), d.type(), d.load(), null, d.memcap()));
    e.g.visitFieldInsn(Opcodes.GETSTATIC, e.owner, field, ConstantPool.DATASET);
    e.g.push(d.operator().id());
    e.g.push(d.value());
    e.g.loadLocal(data);
    e.g.loadLocal(base);
    e.g.loadLocal(len);
    e.invokeStatic(Datasets.class, "reputation", "(" + ConstantPool.DATASET + "II[BII)Z");
    e.g.visitJumpInsn(Opcodes.IFEQ, fail);
  }

  /** base64_decode: decodes from the (relative) offset into the context's base64 buffer. */
  void base64(Base64Decode b, Label fail) {
    e.ctx();
    e.g.loadLocal(data);
    e.g.loadLocal(base);
    e.g.loadLocal(len);
    if (b.relative()) {
      e.g.loadLocal(cursor);
    } else {
      e.g.push(0);
    }
    e.g.push(b.offset() == null ? 0 : (int) (long) b.offset());
    e.g.visitInsn(Opcodes.IADD);
    e.g.push(b.bytes() == null ? 0 : (int) (long) b.bytes());
    e.g.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        Type.getInternalName(Primitives.class),
        "base64Decode",
        "(" + Type.getDescriptor(InspectionContext.class) + "[BIIII)Z",
        false);
    e.g.visitJumpInsn(Opcodes.IFEQ, fail);
  }
}
