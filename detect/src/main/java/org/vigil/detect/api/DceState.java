package org.vigil.detect.api;

/**
 * The layout of the internal DCE/RPC call state buffer ({@link Buffers#DCE_STATE}) that the DCE/RPC
 * app layer fills for each unit of a call whose request was seen, and that the compiler lowers
 * dce_iface and dce_opnum onto: bytes 0-15 the interface UUID bound to the request's context id
 * (RFC 4122 byte order), 16-17 its major version (big endian), byte 18 the {@link #FLAGS} bits,
 * 20-21 the request's opnum (big endian).
 */
public final class DceState {
  private DceState() {}

  /** Length of the buffer. */
  public static final int LENGTH = 24;

  /** Offset of the interface UUID. */
  public static final int UUID = 0;

  /** Offset of the interface's major version (2 bytes, big endian). */
  public static final int VERSION = 16;

  /** Offset of the flag byte. */
  public static final int FLAGS = 18;

  /** Offset of the request's opnum (2 bytes, big endian). */
  public static final int OPNUM = 20;

  /** Flag: the request's context id names an interface the server's bind_ack accepted. */
  public static final int IFACE_ACCEPTED = 1;

  /** Flag: the bind that proposed the interface had the first-fragment flag. */
  public static final int FIRST_FRAG = 2;

  /** Flag: the call's data representation is little endian. */
  public static final int LITTLE_ENDIAN = 4;

  /**
   * True when a byte_test/byte_jump/byte_extract with the {@code dce} option reads big endian: the
   * unit has DCE/RPC state whose data representation is not little endian, or none at all.
   */
  public static boolean bigEndian(InspectionContext ctx) {
    int n = ctx.len[Buffers.DCE_STATE];
    if (n <= FLAGS) {
      return true;
    }
    return (ctx.data[Buffers.DCE_STATE][ctx.off[Buffers.DCE_STATE] + FLAGS] & LITTLE_ENDIAN) == 0;
  }
}
