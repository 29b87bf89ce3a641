package org.vigil.stream.testpcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TEST-ONLY reader of pcap/pcapng files down to TCP (Ethernet with VLAN tags, raw IP, Linux SLL,
 * BSD loopback; IPv4 without fragments, IPv6 with the common extension headers). It exists only to
 * feed the stream engine in tests before the real decoders are integrated; non-TCP packets and
 * anything it cannot decode are skipped.
 */
public final class TestPcapReader {
  private TestPcapReader() {}

  /** All TCP packets of the file, numbered from 1 like tshark's frame numbers. */
  public static List<TestPacket> read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    List<TestPacket> out = new ArrayList<>();
    ByteBuffer bb = ByteBuffer.wrap(all);
    int magic = bb.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (magic == 0x0A0D0D0A) {
      readPcapng(bb, out);
    } else {
      readPcap(bb, out);
    }
    return out;
  }

  private static void readPcap(ByteBuffer bb, List<TestPacket> out) {
    int m = bb.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    boolean nanos;
    if (m == 0xa1b2c3d4 || m == 0xa1b23c4d) {
      bb.order(ByteOrder.LITTLE_ENDIAN);
    } else {
      bb.order(ByteOrder.BIG_ENDIAN);
      m = bb.getInt(0);
    }
    nanos = m == 0xa1b23c4d;
    int link = bb.getInt(20) & 0x0fffffff;
    int pos = 24;
    int frame = 0;
    while (pos + 16 <= bb.limit()) {
      long sec = bb.getInt(pos) & 0xffffffffL;
      long frac = bb.getInt(pos + 4) & 0xffffffffL;
      int incl = bb.getInt(pos + 8);
      int orig = bb.getInt(pos + 12);
      pos += 16;
      if (incl < 0 || pos + incl > bb.limit()) {
        break;
      }
      frame++;
      long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
      decode(frame, link, Arrays.copyOfRange(bb.array(), pos, pos + incl), orig, ts, out);
      pos += incl;
    }
  }

  private static void readPcapng(ByteBuffer bb, List<TestPacket> out) {
    List<Integer> links = new ArrayList<>();
    int pos = 0;
    int frame = 0;
    while (pos + 12 <= bb.limit()) {
      int type = bb.getInt(pos);
      if (type == 0x0A0D0D0A) {
        int bom = bb.order(ByteOrder.LITTLE_ENDIAN).getInt(pos + 8);
        bb.order(bom == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        links.clear();
      }
      int len = bb.getInt(pos + 4);
      if (len < 12 || pos + len > bb.limit()) {
        break;
      }
      if (type == 1) {
        links.add(bb.getShort(pos + 8) & 0xffff);
      } else if (type == 6) {
        int iface = bb.getInt(pos + 8);
        long ts = ((bb.getInt(pos + 12) & 0xffffffffL) << 32) | (bb.getInt(pos + 16) & 0xffffffffL);
        int cap = bb.getInt(pos + 20);
        int orig = bb.getInt(pos + 24);
        frame++;
        int link = iface < links.size() ? links.get(iface) : 1;
        decode(
            frame,
            link,
            Arrays.copyOfRange(bb.array(), pos + 28, pos + 28 + cap),
            orig,
            ts * 1000,
            out);
      } else if (type == 3) {
        frame++;
        int orig = bb.getInt(pos + 8);
        int cap = Math.min(orig, len - 16);
        decode(
            frame,
            links.isEmpty() ? 1 : links.get(0),
            Arrays.copyOfRange(bb.array(), pos + 12, pos + 12 + cap),
            orig,
            0,
            out);
      }
      pos += len;
    }
  }

  private static int u16(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }

  private static int i32(byte[] b, int i) {
    return ((b[i] & 0xff) << 24)
        | ((b[i + 1] & 0xff) << 16)
        | ((b[i + 2] & 0xff) << 8)
        | (b[i + 3] & 0xff);
  }

  private static void decode(
      int frame, int link, byte[] p, int origLen, long ts, List<TestPacket> out) {
    int off;
    int etherType;
    switch (link) {
      case 1 -> {
        if (p.length < 14) {
          return;
        }
        etherType = u16(p, 12);
        off = 14;
        while ((etherType == 0x8100 || etherType == 0x88a8) && off + 4 <= p.length) {
          etherType = u16(p, off + 2);
          off += 4;
        }
      }
      case 101, 12, 14 -> {
        off = 0;
        etherType = p.length > 0 && (p[0] & 0xf0) == 0x60 ? 0x86dd : 0x0800;
      }
      case 228 -> {
        off = 0;
        etherType = 0x0800;
      }
      case 229 -> {
        off = 0;
        etherType = 0x86dd;
      }
      case 113 -> {
        if (p.length < 16) {
          return;
        }
        etherType = u16(p, 14);
        off = 16;
      }
      case 0, 108 -> {
        if (p.length < 4) {
          return;
        }
        off = 4;
        etherType = (p[4] & 0xf0) == 0x60 ? 0x86dd : 0x0800;
      }
      default -> {
        return;
      }
    }
    int missing = origLen - p.length; // bytes cut by the snap length
    if (etherType == 0x0800) {
      if (off + 20 > p.length || (p[off] & 0xf0) != 0x40) {
        return;
      }
      int ihl = (p[off] & 0x0f) * 4;
      int total = u16(p, off + 2);
      int fragField = u16(p, off + 6);
      if ((fragField & 0x3fff) != 0 || p[off + 9] != 6) {
        return; // fragments and non-TCP are not for this reader
      }
      byte[] src = Arrays.copyOfRange(p, off + 12, off + 16);
      byte[] dst = Arrays.copyOfRange(p, off + 16, off + 20);
      tcp(frame, p, off + ihl, off + total, src, dst, missing, ts, out);
    } else if (etherType == 0x86dd) {
      if (off + 40 > p.length) {
        return;
      }
      int next = p[off + 6] & 0xff;
      int end = off + 40 + u16(p, off + 4);
      byte[] src = Arrays.copyOfRange(p, off + 8, off + 24);
      byte[] dst = Arrays.copyOfRange(p, off + 24, off + 40);
      int h = off + 40;
      while ((next == 0 || next == 43 || next == 60) && h + 8 <= p.length) {
        next = p[h] & 0xff;
        h += ((p[h + 1] & 0xff) + 1) * 8;
      }
      if (next != 6) {
        return;
      }
      tcp(frame, p, h, end, src, dst, missing, ts, out);
    }
  }

  private static void tcp(
      int frame,
      byte[] p,
      int t,
      int ipEnd,
      byte[] src,
      byte[] dst,
      int missing,
      long ts,
      List<TestPacket> out) {
    if (t + 20 > p.length) {
      return;
    }
    int doff = ((p[t + 12] & 0xf0) >> 4) * 4;
    if (doff < 20 || t + doff > p.length) {
      return;
    }
    int wscale = -1;
    int mss = -1;
    boolean sack = false;
    boolean hasTs = false;
    long tsval = 0;
    long tsecr = 0;
    boolean tfo = false;
    int o = t + 20;
    while (o < t + doff) {
      int kind = p[o] & 0xff;
      if (kind == 0) {
        break;
      }
      if (kind == 1) {
        o++;
        continue;
      }
      if (o + 1 >= t + doff) {
        break;
      }
      int len = p[o + 1] & 0xff;
      if (len < 2 || o + len > t + doff) {
        break;
      }
      switch (kind) {
        case 2 -> mss = len == 4 ? u16(p, o + 2) : -1;
        case 3 -> wscale = len == 3 ? p[o + 2] & 0xff : -1;
        case 4 -> sack = true;
        case 34 -> tfo = true;
        case 253, 254 -> tfo |= (len == 4 || len == 12) && u16(p, o + 2) == 0xF989;
        case 8 -> {
          if (len == 10) {
            hasTs = true;
            tsval = i32(p, o + 2) & 0xffffffffL;
            tsecr = i32(p, o + 6) & 0xffffffffL;
          }
        }
        default -> {}
      }
      o += len;
    }
    int payloadOff = t + doff;
    int declared = Math.max(0, ipEnd - payloadOff);
    int avail = Math.max(0, Math.min(declared, p.length - payloadOff));
    out.add(
        new TestPacket(
            frame,
            src,
            dst,
            u16(p, t),
            u16(p, t + 2),
            i32(p, t + 4),
            i32(p, t + 8),
            p[t + 13] & 0xff,
            u16(p, t + 14),
            p,
            payloadOff,
            avail,
            avail < declared,
            hasTs,
            tsval,
            tsecr,
            wscale,
            mss,
            sack,
            tfo,
            ts));
  }
}
