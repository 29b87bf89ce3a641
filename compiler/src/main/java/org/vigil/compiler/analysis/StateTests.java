package org.vigil.compiler.analysis;

import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.ByteTest;
import org.vigil.compiler.ir.Endian;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.NumberEncoding;
import org.vigil.compiler.ir.SourcePos;

/**
 * The byte tests an app-layer keyword is lowered to over a state buffer the runtime fills (TLS,
 * DCE/RPC): big-endian binary numbers at fixed offsets, never relative.
 */
final class StateTests {
  private StateTests() {}

  /** A test of the {@code bytes} at {@code offset} of {@code buffer}. */
  static ByteTest test(
      Buffer buffer,
      SourcePos pos,
      int bytes,
      boolean negated,
      ByteTest.Operator op,
      long value,
      int offset,
      Long bitmask) {
    return new ByteTest(
        pos,
        bytes,
        negated,
        op,
        IntArg.of(value),
        IntArg.of(offset),
        false,
        Endian.BIG,
        NumberEncoding.BINARY,
        false,
        bitmask,
        buffer);
  }
}
