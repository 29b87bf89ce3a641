package org.vigil.compiler.ir;

/** Byte order of a byte_test / byte_jump / byte_extract read (binary encoding only). */
public enum Endian {
  BIG,
  LITTLE
}
