package org.vigil.app.dcerpc;

/**
 * The bytes of the internal DCE/RPC call state buffer ({@code Buffers.DCE_STATE}) that the compiler
 * lowers dce_iface and dce_opnum onto, with the layout of {@code org.vigil.detect.api.DceState}
 * (the detection side's copy; a test keeps the two equal): bytes 0-15 the interface UUID, 16-17 its
 * major version, byte 18 the flags, 20-21 the opnum.
 */
final class DceStateBytes {
  private DceStateBytes() {}

  static final int LENGTH = 24;
  static final int UUID = 0;
  static final int VERSION = 16;
  static final int FLAGS = 18;
  static final int OPNUM = 20;
  static final int IFACE_ACCEPTED = 1;
  static final int FIRST_FRAG = 2;
  static final int LITTLE_ENDIAN = 4;
}
