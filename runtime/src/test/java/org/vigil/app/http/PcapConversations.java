package org.vigil.app.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test-only helper: reads a classic pcap (Ethernet, loopback or raw IP; IPv4/IPv6 without extension
 * headers) and reassembles each TCP connection's two byte streams by sequence number. Good enough
 * for simple in-order captures; the real reassembly lives in the stream module.
 */
final class PcapConversations {

  /** One TCP connection: client (SYN sender, else the higher port) and server streams. */
  static final class Conn {
    final String key;
    String client;
    final TreeMap<Long, byte[]> toServer = new TreeMap<>();
    final TreeMap<Long, byte[]> toClient = new TreeMap<>();
    Long isnServer;
    Long isnClient;
    int serverPort;
    byte[] serverAddress;

    Conn(String key) {
      this.key = key;
    }

    byte[] stream(boolean server) {
      TreeMap<Long, byte[]> m = server ? toServer : toClient;
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      long next = -1;
      for (Map.Entry<Long, byte[]> e : m.entrySet()) {
        long seq = e.getKey();
        byte[] d = e.getValue();
        if (next < 0) {
          next = seq;
        }
        if (seq > next) {
          break; // a hole: stop, as a simple in-order reader must
        }
        int skip = (int) (next - seq);
        if (skip < d.length) {
          out.write(d, skip, d.length - skip);
          next = seq + d.length;
        }
      }
      return out.toByteArray();
    }
  }

  private PcapConversations() {}

  static List<Conn> read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
      b.order(ByteOrder.LITTLE_ENDIAN);
    } else {
      b.order(ByteOrder.BIG_ENDIAN);
      int m = b.getInt(0);
      if (m != 0xa1b2c3d4 && m != 0xa1b23c4d) {
        throw new IOException("not a classic pcap: " + file);
      }
    }
    int link = b.getInt(20);
    Map<String, Conn> conns = new LinkedHashMap<>();
    int pos = 24;
    while (pos + 16 <= b.limit()) {
      int incl = b.getInt(pos + 8);
      int start = pos + 16;
      if (incl < 0 || start + incl > b.limit()) {
        break;
      }
      packet(b.duplicate().order(ByteOrder.BIG_ENDIAN), start, incl, link, conns);
      pos = start + incl;
    }
    return new ArrayList<>(conns.values());
  }

  private static void packet(ByteBuffer b, int start, int len, int link, Map<String, Conn> conns) {
    int off;
    int etherType;
    switch (link) {
      case 1 -> {
        off = start + 14;
        etherType = b.getShort(start + 12) & 0xffff;
        while (etherType == 0x8100 && off + 4 <= start + len) {
          etherType = b.getShort(off + 2) & 0xffff;
          off += 4;
        }
      }
      case 0 -> {
        off = start + 4;
        etherType = (b.get(off) & 0xf0) == 0x60 ? 0x86dd : 0x0800;
      }
      case 101, 12, 228, 229 -> {
        off = start;
        etherType = (b.get(off) & 0xf0) == 0x60 ? 0x86dd : 0x0800;
      }
      case 113 -> {
        off = start + 16;
        etherType = b.getShort(start + 14) & 0xffff;
      }
      default -> {
        return;
      }
    }
    int end = start + len;
    byte[] src;
    byte[] dst;
    int tcp;
    int ipEnd;
    if (etherType == 0x0800) {
      if (off + 20 > end || b.get(off + 9) != 6) {
        return;
      }
      int ihl = (b.get(off) & 0x0f) * 4;
      int total = b.getShort(off + 2) & 0xffff;
      if ((b.getShort(off + 6) & 0x3fff) != 0) {
        return; // fragments are not handled here
      }
      src = bytes(b, off + 12, 4);
      dst = bytes(b, off + 16, 4);
      tcp = off + ihl;
      ipEnd = Math.min(end, off + total);
    } else if (etherType == 0x86dd) {
      if (off + 40 > end || b.get(off + 6) != 6) {
        return;
      }
      src = bytes(b, off + 8, 16);
      dst = bytes(b, off + 24, 16);
      tcp = off + 40;
      ipEnd = Math.min(end, tcp + (b.getShort(off + 4) & 0xffff));
    } else {
      return;
    }
    if (tcp + 20 > ipEnd) {
      return;
    }
    int sp = b.getShort(tcp) & 0xffff;
    int dp = b.getShort(tcp + 2) & 0xffff;
    long seq = b.getInt(tcp + 4) & 0xffffffffL;
    int flags = b.get(tcp + 13) & 0xff;
    int dataOff = ((b.get(tcp + 12) & 0xf0) >> 4) * 4;
    String a = java.util.Arrays.toString(src) + ":" + sp;
    String z = java.util.Arrays.toString(dst) + ":" + dp;
    String key = a.compareTo(z) < 0 ? a + "|" + z : z + "|" + a;
    Conn c = conns.computeIfAbsent(key, Conn::new);
    boolean syn = (flags & 0x02) != 0;
    boolean ack = (flags & 0x10) != 0;
    if (c.client == null) {
      if (syn && !ack) {
        c.client = a;
      } else if (syn) {
        c.client = z;
      } else {
        c.client = sp > dp ? a : z;
      }
    }
    boolean fromClient = a.equals(c.client);
    if (!fromClient && c.serverAddress == null) {
      c.serverAddress = src;
      c.serverPort = sp;
    } else if (fromClient && c.serverAddress == null) {
      c.serverAddress = dst;
      c.serverPort = dp;
    }
    if (syn) {
      if (fromClient) {
        c.isnClient = seq + 1;
      } else {
        c.isnServer = seq + 1;
      }
      seq++;
    }
    int payload = tcp + dataOff;
    if (payload < ipEnd) {
      byte[] data = bytes(b, payload, ipEnd - payload);
      TreeMap<Long, byte[]> m = fromClient ? c.toServer : c.toClient;
      Long base = fromClient ? c.isnClient : c.isnServer;
      long rel = base == null ? seq : (seq - base) & 0xffffffffL;
      m.putIfAbsent(rel, data);
    }
  }

  private static byte[] bytes(ByteBuffer b, int off, int n) {
    byte[] r = new byte[n];
    for (int i = 0; i < n; i++) {
      r[i] = b.get(off + i);
    }
    return r;
  }
}
