package org.vigil.acquire;

import java.nio.ByteOrder;
import java.nio.file.Path;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;

/**
 * pcapng files: sections in either byte order, several interfaces with their own link type and
 * timestamp resolution/offset, enhanced, simple and obsolete packet blocks; every other block is
 * skipped.
 */
public final class PcapngSource implements CaptureSource {
  static final int SHB = 0x0A0D0D0A, BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  private static final int IDB = 1, PB = 2, SPB = 3, EPB = 6;
  private static final int MAX_IFACES = 4096;
  private final CaptureFile in;
  private final Path path;
  private final String name;
  private final PathStats stats;
  private long pos;
  private long records;
  private boolean done;
  private boolean littleEndian;
  // interfaces of the current section
  private int ifCount;
  private int[] ifLink = new int[4];
  private int[] ifSnap = new int[4];
  private long[] ifTsUnitsPerSec = new long[4];
  private long[] ifTsOffset = new long[4];
  private boolean[] ifTsPow2 = new boolean[4];
  private int[] ifTsPow2Bits = new int[4];

  PcapngSource(CaptureFile in, Path path, PathStats stats) throws CaptureFormatException {
    this.in = in;
    this.path = path;
    this.name = path.toString();
    this.stats = stats;
    if (in.size() < 28)
      throw new CaptureFormatException(path + ": offset 0: pcapng section header truncated");
    if (!readSectionHeader(0))
      throw new CaptureFormatException(path + ": offset 0: bad pcapng section header");
  }

  private boolean readSectionHeader(long at) {
    if (at + 28 > in.size()) return false;
    int bom = in.u32be(at + 8);
    if (bom == BYTE_ORDER_MAGIC) littleEndian = false;
    else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) littleEndian = true;
    else return false;
    in.order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    ifCount = 0;
    return true;
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
    long size = in.size();
    while (!done) {
      if (pos == size) return end();
      if (pos + 8 > size) {
        stats.captureError(
            name
                + ": offset "
                + pos
                + ": truncated block header ("
                + (size - pos)
                + " bytes left)");
        return end();
      }
      int type = in.u32be(pos) == SHB ? SHB : in.u32(pos);
      if (type == SHB && !readSectionHeader(pos)) {
        stats.captureError(name + ": offset " + pos + ": bad section header byte-order magic");
        return end();
      }
      long blen = in.u32L(pos + 4);
      if (blen < 12 || (blen & 3) != 0) {
        stats.captureError(name + ": offset " + pos + ": bad block length " + blen);
        return end();
      }
      if (pos + blen > size) {
        stats.captureError(
            name
                + ": offset "
                + pos
                + ": truncated block ("
                + blen
                + " bytes announced, "
                + (size - pos)
                + " present)");
        return end();
      }
      long body = pos + 8;
      long bodyLen = blen - 12;
      long blockAt = pos;
      pos += blen;
      switch (type) {
        case IDB -> interfaceBlock(blockAt, body, bodyLen);
        case EPB -> {
          if (packetBlock(p, blockAt, body, bodyLen, false)) return true;
        }
        case PB -> {
          if (packetBlock(p, blockAt, body, bodyLen, true)) return true;
        }
        case SPB -> {
          if (simpleBlock(p, blockAt, body, bodyLen)) return true;
        }
        default -> {}
      }
    }
    return false;
  }

  private void interfaceBlock(long at, long body, long bodyLen) {
    if (bodyLen < 8) {
      stats.captureError(name + ": offset " + at + ": interface block too short");
      return;
    }
    if (ifCount == MAX_IFACES) {
      stats.captureError(name + ": offset " + at + ": too many interfaces");
      return;
    }
    if (ifCount == ifLink.length) {
      int n = ifLink.length * 2;
      ifLink = java.util.Arrays.copyOf(ifLink, n);
      ifSnap = java.util.Arrays.copyOf(ifSnap, n);
      ifTsUnitsPerSec = java.util.Arrays.copyOf(ifTsUnitsPerSec, n);
      ifTsOffset = java.util.Arrays.copyOf(ifTsOffset, n);
      ifTsPow2 = java.util.Arrays.copyOf(ifTsPow2, n);
      ifTsPow2Bits = java.util.Arrays.copyOf(ifTsPow2Bits, n);
    }
    int i = ifCount++;
    ifLink[i] = in.u16(body);
    ifSnap[i] = in.u32(body + 4);
    ifTsUnitsPerSec[i] = 1_000_000L;
    ifTsPow2[i] = false;
    ifTsOffset[i] = 0;
    long o = body + 8, end = body + bodyLen;
    while (o + 4 <= end) {
      int code = in.u16(o), olen = in.u16(o + 2);
      if (code == 0) break;
      if (o + 4 + olen > end) break;
      if (code == 9 && olen >= 1) {
        int v = in.u8(o + 4);
        if ((v & 0x80) != 0) {
          ifTsPow2[i] = true;
          ifTsPow2Bits[i] = Math.min(v & 0x7f, 62);
        } else if (v <= 18) {
          long u = 1;
          for (int k = 0; k < v; k++) u *= 10;
          ifTsUnitsPerSec[i] = u;
        } else {
          stats.captureError(
              name + ": offset " + at + ": unsupported timestamp resolution 10^-" + v);
        }
      } else if (code == 14 && olen == 8) {
        ifTsOffset[i] =
            littleEndian
                ? ((long) in.u32(o + 8) << 32) | in.u32L(o + 4)
                : ((long) in.u32(o + 4) << 32) | in.u32L(o + 8);
      }
      o += 4 + ((olen + 3) & ~3);
    }
  }

  private boolean packetBlock(Packet p, long at, long body, long bodyLen, boolean obsolete) {
    if (bodyLen < 20) {
      stats.captureError(name + ": offset " + at + ": packet block too short");
      return false;
    }
    int ifId = obsolete ? in.u16(body) : in.u32(body);
    if (ifId < 0 || ifId >= ifCount) {
      stats.captureError(name + ": offset " + at + ": packet block for unknown interface " + ifId);
      return false;
    }
    long ts = ((long) in.u32(body + 4) << 32) | in.u32L(body + 8);
    int cap = in.u32(body + 12);
    int orig = in.u32(body + 16);
    if (cap < 0 || cap > bodyLen - 20) {
      stats.captureError(
          name
              + ": offset "
              + at
              + ": packet block captured length "
              + Integer.toUnsignedString(cap)
              + " exceeds the block");
      return false;
    }
    byte[] buf = p.ensureCapacity(cap);
    in.copy(body + 20, buf, cap);
    records++;
    p.setFrame(cap, orig, toNanos(ifId, ts), ifLink[ifId], records, name);
    return true;
  }

  private boolean simpleBlock(Packet p, long at, long body, long bodyLen) {
    if (bodyLen < 4 || ifCount == 0) {
      stats.captureError(
          name + ": offset " + at + ": simple packet block without interface or too short");
      return false;
    }
    int orig = in.u32(body);
    long room = bodyLen - 4;
    int cap = (int) Math.min(Integer.toUnsignedLong(orig), room);
    if (ifSnap[0] > 0) cap = Math.min(cap, ifSnap[0]);
    byte[] buf = p.ensureCapacity(cap);
    in.copy(body + 4, buf, cap);
    records++;
    p.setFrame(cap, orig, 0, ifLink[0], records, name);
    return true;
  }

  private long toNanos(int i, long units) {
    long secOffset = ifTsOffset[i] * 1_000_000_000L;
    if (ifTsPow2[i]) {
      int bits = ifTsPow2Bits[i];
      long whole = units >>> bits;
      long frac = units & ((1L << bits) - 1);
      return secOffset
          + whole * 1_000_000_000L
          + Math.multiplyHigh(frac << (63 - bits), 2_000_000_000L);
    }
    long ups = ifTsUnitsPerSec[i];
    if (ups == 1_000_000L) return secOffset + units * 1000L;
    if (ups == 1_000_000_000L) return secOffset + units;
    long sec = Long.divideUnsigned(units, ups), rem = Long.remainderUnsigned(units, ups);
    long nanos =
        ups <= 1_000_000_000L ? rem * (1_000_000_000L / ups) : rem / (ups / 1_000_000_000L);
    return secOffset + sec * 1_000_000_000L + nanos;
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
