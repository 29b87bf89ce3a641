package org.vigil.compiler.front;

import org.vigil.compiler.ir.ByteExtract;
import org.vigil.compiler.ir.ByteJump;
import org.vigil.compiler.ir.ByteTest;
import org.vigil.compiler.ir.Endian;
import org.vigil.compiler.ir.NumberEncoding;

/** Prints the values of the byte_test, byte_jump and byte_extract options as canonical text. */
final class ByteMathPrinter {
  private ByteMathPrinter() {}

  /** The value of a byte_test option. */
  static String byteTest(ByteTest b) {
    String op =
        b.negated()
            ? (b.operator() == ByteTest.Operator.EQ ? "!=" : "!" + b.operator().text())
            : b.operator().text();
    return (b.bytesVar() != null ? b.bytesVar().name() : String.valueOf(b.bytes()))
        + ","
        + op
        + ","
        + b.value()
        + ","
        + b.offset()
        + (b.relative() ? ",relative" : "")
        + (b.endian() == Endian.LITTLE ? ",little" : "")
        + encoding(b.encoding())
        + (b.dce() ? ",dce" : "")
        + (b.bitmask() != null ? ",bitmask 0x" + Long.toHexString(b.bitmask()) : "");
  }

  /** The value of a byte_jump option. */
  static String byteJump(ByteJump b) {
    return (b.bytesVar() != null ? b.bytesVar().name() : String.valueOf(b.bytes()))
        + ","
        + b.offset()
        + (b.relative() ? ",relative" : "")
        + (b.multiplier() != 1 ? ",multiplier " + b.multiplier() : "")
        + (b.endian() == Endian.LITTLE ? ",little" : "")
        + encoding(b.encoding())
        + (b.align() ? ",align" : "")
        + (b.fromBeginning() ? ",from_beginning" : "")
        + (b.fromEnd() ? ",from_end" : "")
        + (b.postOffset() != null ? ",post_offset " + b.postOffset() : "")
        + (b.dce() ? ",dce" : "")
        + (b.bitmask() != null ? ",bitmask 0x" + Long.toHexString(b.bitmask()) : "");
  }

  /** The value of a byte_extract option. */
  static String byteExtract(ByteExtract b) {
    return b.bytes()
        + ","
        + b.offset()
        + ","
        + b.name()
        + (b.relative() ? ",relative" : "")
        + (b.multiplier() != 1 ? ",multiplier " + b.multiplier() : "")
        + (b.endian() == Endian.LITTLE ? ",little" : "")
        + encoding(b.encoding())
        + (b.align() != 0 ? ",align " + b.align() : "")
        + (b.dce() ? ",dce" : "")
        + (b.bitmask() != null ? ",bitmask 0x" + Long.toHexString(b.bitmask()) : "");
  }

  /** The value of a byte_math option. */
  static String byteMath(org.vigil.compiler.ir.ByteMath b) {
    return "bytes "
        + (b.bytesVar() != null ? b.bytesVar().name() : String.valueOf(b.bytes()))
        + ", offset "
        + b.offset()
        + ", oper "
        + b.operator().text()
        + ", rvalue "
        + b.rvalue()
        + ", result "
        + b.result()
        + (b.relative() ? ", relative" : "")
        + (b.endian() == Endian.LITTLE ? ", endian little" : "")
        + (b.encoding() == NumberEncoding.BINARY
            ? ""
            : ", string " + b.encoding().name().toLowerCase())
        + (b.bitmask() != null ? ", bitmask 0x" + Long.toHexString(b.bitmask()) : "");
  }

  private static String encoding(NumberEncoding e) {
    return e == NumberEncoding.BINARY ? "" : ",string," + e.name().toLowerCase();
  }
}
