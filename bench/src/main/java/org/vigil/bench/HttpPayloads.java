package org.vigil.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * TCP payloads of the zeek HTTP captures (classic pcap, Ethernet, IPv4), for benchmarks: a minimal
 * reader that only needs to find payload bytes, not the product's decoder.
 */
final class HttpPayloads {
  private HttpPayloads() {}

  /** The corpus folder: {@code -Dvigil.corpus}, default {@code ../shared/corpus}. */
  static Path corpus() {
    return Path.of(System.getProperty("vigil.corpus", "../shared/corpus"));
  }

  static List<byte[]> load(int maxPayloads) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(corpus().resolve("pcaps/zeek/http"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList()) {
        read(Files.readAllBytes(f), out, maxPayloads);
        if (out.size() >= maxPayloads) {
          break;
        }
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no HTTP payloads found under " + corpus().toAbsolutePath());
    }
    return out;
  }

  private static void read(byte[] file, List<byte[]> out, int max) {
    if (file.length < 24) {
      return;
    }
    ByteBuffer bb = ByteBuffer.wrap(file);
    int magic = bb.getInt(0);
    if (magic == 0xd4c3b2a1) {
      bb.order(ByteOrder.LITTLE_ENDIAN);
    } else if (magic != 0xa1b2c3d4) {
      return;
    }
    if (bb.getInt(20) != 1) {
      return; // Ethernet only
    }
    int pos = 24;
    while (pos + 16 <= file.length && out.size() < max) {
      int caplen = bb.getInt(pos + 8);
      int start = pos + 16;
      pos = start + caplen;
      if (caplen < 0 || pos > file.length || caplen < 54) {
        break;
      }
      if ((file[start + 12] & 0xff) != 0x08 || file[start + 13] != 0x00) {
        continue;
      }
      int ip = start + 14;
      int ihl = (file[ip] & 0x0f) * 4;
      if ((file[ip] >> 4) != 4 || file[ip + 9] != 6) {
        continue;
      }
      int total = ((file[ip + 2] & 0xff) << 8) | (file[ip + 3] & 0xff);
      int tcp = ip + ihl;
      int thl = ((file[tcp + 12] & 0xff) >> 4) * 4;
      int payload = tcp + thl;
      int end = Math.min(ip + total, start + caplen);
      if (end > payload) {
        out.add(java.util.Arrays.copyOfRange(file, payload, end));
      }
    }
  }
}
