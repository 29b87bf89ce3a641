package org.vigil.app.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * For tests: an edited copy of a classic little-endian pcap of Ethernet/IPv4/TCP frames (packets
 * numbered from 1 as pcap_cnt): payload bytes zeroed, a packet moved, an ACK number changed, a
 * segment split in two around a copied ACK. Checksums are left stale (captures are read without
 * checksum validation, as Suricata's -k none).
 */
final class PcapEdit {
  private final byte[] header;
  private final List<long[]> times = new ArrayList<>();
  private final List<byte[]> frames = new ArrayList<>();

  PcapEdit(Path pcap) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0xa1b2c3d4 || b.getInt(20) != 1) {
      throw new IOException(pcap + ": not a little-endian microsecond Ethernet pcap");
    }
    header = Arrays.copyOf(b.array(), 24);
    int o = 24;
    while (o + 16 <= b.limit()) {
      int cap = b.getInt(o + 8);
      times.add(new long[] {b.getInt(o) & 0xFFFFFFFFL, b.getInt(o + 4) & 0xFFFFFFFFL});
      frames.add(Arrays.copyOfRange(b.array(), o + 16, o + 16 + cap));
      o += 16 + cap;
    }
  }

  private static int tcp(byte[] f) {
    return 14 + (f[14] & 15) * 4;
  }

  private static int payload(byte[] f) {
    int t = tcp(f);
    return t + ((f[t + 12] & 0xFF) >>> 4) * 4;
  }

  private static void putInt(byte[] f, int at, long v) {
    f[at] = (byte) (v >>> 24);
    f[at + 1] = (byte) (v >>> 16);
    f[at + 2] = (byte) (v >>> 8);
    f[at + 3] = (byte) v;
  }

  private static long getInt(byte[] f, int at) {
    return ((f[at] & 0xFFL) << 24)
        | ((f[at + 1] & 0xFF) << 16)
        | ((f[at + 2] & 0xFF) << 8)
        | (f[at + 3] & 0xFF);
  }

  /** Zeroes {@code len} payload bytes of packet {@code n} from payload offset {@code off}. */
  PcapEdit zero(int n, int off, int len) {
    byte[] f = frames.get(n - 1);
    int p = payload(f) + off;
    if (p + len > f.length) {
      throw new IllegalArgumentException(
          "packet " + n + " has no payload bytes " + off + ".." + (off + len));
    }
    Arrays.fill(f, p, p + len, (byte) 0);
    return this;
  }

  /** Moves packet {@code from} to position {@code to}; each position keeps its time. */
  PcapEdit move(int from, int to) {
    frames.add(to - 1, frames.remove(from - 1));
    return this;
  }

  /** Sets the TCP acknowledgment number of packet {@code n}. */
  PcapEdit ack(int n, long ack) {
    putInt(frames.get(n - 1), tcp(frames.get(n - 1)) + 8, ack);
    return this;
  }

  /**
   * Splits packet {@code n}'s payload after {@code k} bytes into two segments, with a copy of
   * packet {@code ackFrom} acknowledging the first one between them.
   */
  PcapEdit split(int n, int k, int ackFrom) {
    byte[] f = frames.get(n - 1);
    int p = payload(f);
    long seq = getInt(f, tcp(f) + 4);
    byte[] first = Arrays.copyOf(f, p + k);
    byte[] second = new byte[f.length - k];
    System.arraycopy(f, 0, second, 0, p);
    System.arraycopy(f, p + k, second, p, f.length - p - k);
    putInt(second, tcp(second) + 4, seq + k);
    for (byte[] g : new byte[][] {first, second}) {
      int total = g.length - 14;
      g[16] = (byte) (total >>> 8);
      g[17] = (byte) total;
    }
    byte[] ack = frames.get(ackFrom - 1).clone();
    putInt(ack, tcp(ack) + 8, seq + k);
    long[] t = times.get(n - 1);
    frames.set(n - 1, first);
    frames.add(n, ack);
    frames.add(n + 1, second);
    times.add(n, new long[] {t[0], t[1] + 1});
    times.add(n + 1, new long[] {t[0], t[1] + 2});
    return this;
  }

  /** Writes the edited capture to {@code out}. */
  Path write(Path out) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(header);
    ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames.size(); i++) {
      byte[] f = frames.get(i);
      rec.clear();
      rec.putInt((int) times.get(i)[0])
          .putInt((int) times.get(i)[1])
          .putInt(f.length)
          .putInt(f.length);
      o.write(rec.array());
      o.write(f);
    }
    Files.write(out, o.toByteArray());
    return out;
  }
}
