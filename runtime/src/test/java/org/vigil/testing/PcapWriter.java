package org.vigil.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes captures for tests: classic pcap (micro or nano, either byte order) or pcapng (several
 * interfaces with their own link types, EPB and SPB, and arbitrary other blocks).
 */
public final class PcapWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteOrder order;
  private final boolean nanos;
  private final boolean ng;

  private PcapWriter(ByteOrder order, boolean nanos, boolean ng) {
    this.order = order;
    this.nanos = nanos;
    this.ng = ng;
  }

  /** A classic pcap with the given link type. */
  public static PcapWriter pcap(int linkType, ByteOrder order, boolean nanos) {
    PcapWriter w = new PcapWriter(order, nanos, false);
    ByteBuffer h = w.buf(24);
    h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4)
        .putShort((short) 2)
        .putShort((short) 4)
        .putInt(0)
        .putInt(0)
        .putInt(262144)
        .putInt(linkType);
    w.out.writeBytes(h.array());
    return w;
  }

  /** A little-endian microsecond pcap. */
  public static PcapWriter pcap(int linkType) {
    return pcap(linkType, ByteOrder.LITTLE_ENDIAN, false);
  }

  /** A pcapng with a section header and no interface yet. */
  public static PcapWriter pcapng(ByteOrder order) {
    PcapWriter w = new PcapWriter(order, false, true);
    ByteBuffer b = w.buf(28);
    b.putInt(0x0A0D0D0A)
        .putInt(28)
        .putInt(0x1A2B3C4D)
        .putShort((short) 1)
        .putShort((short) 0)
        .putLong(-1L)
        .putInt(28);
    w.out.writeBytes(b.array());
    return w;
  }

  /**
   * Adds an interface description block (microsecond resolution); its id is the count of earlier
   * ones.
   */
  public PcapWriter iface(int linkType) {
    ByteBuffer b = buf(20);
    b.putInt(1).putInt(20).putShort((short) linkType).putShort((short) 0).putInt(0).putInt(20);
    out.writeBytes(b.array());
    return this;
  }

  /**
   * Adds an interface with an if_tsresol option (the raw option byte: 9 = nanoseconds, 0x80|n =
   * 2^-n) and an if_tsoffset in seconds.
   */
  public PcapWriter iface(int linkType, int tsresol, long tsoffsetSeconds) {
    ByteBuffer b = buf(48);
    b.putInt(1).putInt(48).putShort((short) linkType).putShort((short) 0).putInt(0);
    b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put((byte) 0).putShort((short) 0);
    b.putShort((short) 14).putShort((short) 8).putLong(tsoffsetSeconds);
    b.putShort((short) 0).putShort((short) 0);
    b.putInt(48);
    out.writeBytes(b.array());
    return this;
  }

  /** Adds a packet record (EPB in pcapng) at time tsMicros (or nanoseconds for a nano pcap). */
  public PcapWriter packet(long ts, byte[] frame) {
    return packet(0, ts, frame, frame.length);
  }

  /**
   * Adds a packet record on an interface, with an original length (≥ frame length) for snaplen
   * cuts.
   */
  public PcapWriter packet(int iface, long ts, byte[] frame, int origLen) {
    if (!ng) {
      long div = nanos ? 1_000_000_000L : 1_000_000L;
      ByteBuffer b = buf(16);
      b.putInt((int) (ts / div)).putInt((int) (ts % div)).putInt(frame.length).putInt(origLen);
      out.writeBytes(b.array());
      out.writeBytes(frame);
      return this;
    }
    int pad = (4 - frame.length % 4) % 4;
    int len = 32 + frame.length + pad;
    ByteBuffer b = buf(28);
    b.putInt(6)
        .putInt(len)
        .putInt(iface)
        .putInt((int) (ts >>> 32))
        .putInt((int) ts)
        .putInt(frame.length)
        .putInt(origLen);
    out.writeBytes(b.array());
    out.writeBytes(frame);
    out.writeBytes(new byte[pad]);
    out.writeBytes(buf(4).putInt(len).array());
    return this;
  }

  /** Adds a simple packet block (pcapng, interface 0, no timestamp). */
  public PcapWriter simplePacket(byte[] frame) {
    int pad = (4 - frame.length % 4) % 4;
    int len = 16 + frame.length + pad;
    out.writeBytes(buf(12).putInt(3).putInt(len).putInt(frame.length).array());
    out.writeBytes(frame);
    out.writeBytes(new byte[pad]);
    out.writeBytes(buf(4).putInt(len).array());
    return this;
  }

  /** Adds any other block (type, body padded to 4) that readers must skip. */
  public PcapWriter block(int type, byte[] body) {
    int pad = (4 - body.length % 4) % 4;
    int len = 12 + body.length + pad;
    out.writeBytes(buf(8).putInt(type).putInt(len).array());
    out.writeBytes(body);
    out.writeBytes(new byte[pad]);
    out.writeBytes(buf(4).putInt(len).array());
    return this;
  }

  /** Appends raw bytes (to make damaged files). */
  public PcapWriter raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  public byte[] toBytes() {
    return out.toByteArray();
  }

  public Path write(Path file) throws IOException {
    Files.write(file, toBytes());
    return file;
  }

  private ByteBuffer buf(int n) {
    return ByteBuffer.allocate(n).order(order);
  }
}
