package org.vigil.app.rdp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds RDP messages byte by byte for the tests. */
final class RdpBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static RdpBytes of() {
    return new RdpBytes();
  }

  RdpBytes u8(int... v) {
    for (int x : v) {
      out.write(x);
    }
    return this;
  }

  RdpBytes u16le(int v) {
    return u8(v & 0xFF, (v >> 8) & 0xFF);
  }

  RdpBytes u16be(int v) {
    return u8((v >> 8) & 0xFF, v & 0xFF);
  }

  RdpBytes u32le(long v) {
    return u16le((int) (v & 0xFFFF)).u16le((int) (v >>> 16));
  }

  RdpBytes ascii(String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    return this;
  }

  /** {@code s} as UTF-16LE in a field of {@code size} bytes (zero padded). */
  RdpBytes utf16(String s, int size) {
    byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
    out.writeBytes(b);
    for (int i = b.length; i < size; i++) {
      out.write(0);
    }
    return this;
  }

  RdpBytes bytes(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  byte[] build() {
    return out.toByteArray();
  }

  /** {@code content} in a TPKT. */
  static byte[] tpkt(byte[] content) {
    return of().u8(3, 0).u16be(content.length + 4).bytes(content).build();
  }

  /** An X.224 connection request (type 0xE) or confirm (0xD) with variable part {@code rest}. */
  static byte[] x224(int type, byte[] rest) {
    return tpkt(
        of().u8(6 + rest.length, type << 4).u16be(0).u16be(0x1234).u8(0).bytes(rest).build());
  }

  /** An X.224 data TPDU carrying {@code mcs}. */
  static byte[] data(byte[] mcs) {
    return tpkt(of().u8(2, 0xF0, 0x80).bytes(mcs).build());
  }

  /** A client core data block with the fixed fields and {@code optional} after them. */
  static byte[] core(String name, long build, long layout, byte[] optional) {
    byte[] fixed =
        of().u32le(0x80004)
            .u16le(1024)
            .u16le(768)
            .u16le(0xca01)
            .u16le(0xaa03)
            .u32le(layout)
            .u32le(build)
            .utf16(name, 32)
            .u32le(4)
            .u32le(0)
            .u32le(12)
            .utf16("", 64)
            .bytes(optional)
            .build();
    return of().u16le(0xc001).u16le(fixed.length + 4).bytes(fixed).build();
  }

  /** An MCS connect-initial whose user data holds {@code blocks}. */
  static byte[] connectInitial(byte[]... blocks) {
    RdpBytes all = of();
    for (byte[] b : blocks) {
      all.bytes(b);
    }
    byte[] data = all.build();
    RdpBytes m = of().u8(0x7f, 0x65, 0x82, 0x01, 0x00).ascii("....Duca");
    if (data.length < 0x80) {
      m.u8(data.length);
    } else {
      m.u8(0x80 | (data.length >> 8), data.length & 0xFF);
    }
    return data(m.bytes(data).build());
  }
}
