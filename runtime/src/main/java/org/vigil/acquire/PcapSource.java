package org.vigil.acquire;

import java.nio.ByteOrder;
import java.nio.file.Path;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;

/**
 * Classic pcap files: micro- or nanosecond timestamps, either byte order (and the Kuznetzov
 * variant).
 */
public final class PcapSource implements CaptureSource {
  static final int MAGIC_US = 0xa1b2c3d4, MAGIC_NS = 0xa1b23c4d, MAGIC_KUZ = 0xa1b2cd34;
  private static final int MAX_RECORD = 16 * 1024 * 1024;
  private final CaptureFile in;
  private final Path path;
  private final String name;
  private final PathStats stats;
  private final boolean nanos;
  private final int recordHeader;
  private final int linkType;
  private long pos = 24;
  private long records;
  private boolean done;

  PcapSource(CaptureFile in, Path path, PathStats stats) throws CaptureFormatException {
    this.in = in;
    this.path = path;
    this.name = path.toString();
    this.stats = stats;
    if (in.size() < 24)
      throw new CaptureFormatException(path + ": offset 0: pcap file header truncated");
    int magic = in.u32be(0);
    int swapped = Integer.reverseBytes(magic);
    int m;
    if (magic == MAGIC_US || magic == MAGIC_NS || magic == MAGIC_KUZ) {
      in.order(ByteOrder.BIG_ENDIAN);
      m = magic;
    } else {
      in.order(ByteOrder.LITTLE_ENDIAN);
      m = swapped;
    }
    nanos = m == MAGIC_NS;
    recordHeader = m == MAGIC_KUZ ? 24 : 16;
    linkType = in.u32(20) & 0xffff; // upper bits may carry FCS information
  }

  /** The file's link type. */
  public int linkType() {
    return linkType;
  }

  @Override
  public boolean next(Packet p) {
    try {
      return read(p);
    } catch (CaptureFile.Unreadable e) {
      stats.captureError(e.getMessage());
      return end();
    }
  }

  private boolean read(Packet p) {
    if (done) return false;
    long size = in.size();
    if (pos == size) return end();
    if (pos + recordHeader > size) {
      stats.captureError(
          name + ": offset " + pos + ": truncated record header (" + (size - pos) + " bytes left)");
      return end();
    }
    long sec = in.u32L(pos);
    long frac = in.u32L(pos + 4);
    int incl = in.u32(pos + 8);
    int orig = in.u32(pos + 12);
    if (incl < 0 || incl > MAX_RECORD) {
      stats.captureError(
          name + ": offset " + pos + ": bad record length " + Integer.toUnsignedString(incl));
      return end();
    }
    if (pos + recordHeader + incl > size) {
      stats.captureError(
          name
              + ": offset "
              + pos
              + ": truncated record ("
              + incl
              + " bytes announced, "
              + (size - pos - recordHeader)
              + " present)");
      return end();
    }
    byte[] buf = p.ensureCapacity(incl);
    in.copy(pos + recordHeader, buf, incl);
    pos += recordHeader + incl;
    records++;
    long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
    p.setFrame(incl, orig, ts, linkType, records, name);
    return true;
  }

  private boolean end() {
    done = true;
    return false;
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public long records() {
    return records;
  }

  @Override
  public void close() {
    in.close();
  }
}
