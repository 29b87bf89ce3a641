package org.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.detect.AlertSink;
import org.vigil.detect.Detector;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.StreamHits;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleMeta;

/**
 * The candidates stage of the TCP packet and raw stream chunk passes of a capture (classic pcap,
 * Ethernet, IPv4), without rule code: each TCP payload is inspected as a packet whose payload went
 * into its direction's stream (taken in capture order, no reassembly), and once 2,560 bytes of a
 * direction wait, a raw chunk of them is inspected, as Suricata's raw timing hands them out. Two
 * detectors run the same passes, one keeping the packets' scans for their chunks ({@link
 * StreamHits}) and one scanning every chunk whole, alternately, timed in thread CPU time so that a
 * loaded machine disturbs the comparison less than wall time; prints per pass both times and the
 * chunk bytes not scanned. Usage: {@code java -cp bench/target/benchmarks.jar
 * org.vigil.bench.StreamScansMeasure <x.vrs> <capture.pcap> [passes]}.
 */
public final class StreamScansMeasure {
  private StreamScansMeasure() {}

  private static final int MIN_CHUNK = 2560;

  /** One TCP payload: its direction (a key per 4-tuple), destination port and bytes. */
  private record Segment(long direction, int dstPort, byte[] bytes) {}

  /** Evaluates no candidate: the passes cost their candidates stage alone. */
  private static final AlertSink NO_RULE_CODE =
      new AlertSink() {
        @Override
        public void alert(RuleMeta rule, InspectionContext c) {}

        @Override
        public boolean evaluate(int rule) {
          return false;
        }
      };

  /** Entry point. */
  public static void main(String[] a) throws Exception {
    Ruleset rs = RulesetLinker.load(Path.of(a[0]));
    List<Segment> segments = read(Files.readAllBytes(Path.of(a[1])));
    int passes = a.length > 2 ? Integer.parseInt(a[2]) : 10;
    long bytes = segments.stream().mapToLong(s -> s.bytes().length).sum();
    System.out.printf("%d TCP payloads, %d bytes%n", segments.size(), bytes);
    Detector kept = new Detector(rs);
    Detector whole = new Detector(rs);
    whole.keepStreamHits(false);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int k = 0; k < passes; k++) {
      long[] ns = new long[2];
      for (int v = 0; v < 2; v++) {
        int which = (k + v) % 2; // alternate which goes first
        long t0 = mx.getCurrentThreadCpuTime();
        run(which == 0 ? kept : whole, segments);
        ns[which] = mx.getCurrentThreadCpuTime() - t0;
      }
      System.out.printf(
          "pass %d: kept %.1f ms, whole %.1f ms CPU (%.2f), chunk bytes not scanned %.1f MB%n",
          k, ns[0] / 1e6, ns[1] / 1e6, (double) ns[0] / ns[1], kept.streamScanBytesSaved() / 1e6);
    }
  }

  /** Every packet and chunk pass of the capture's TCP payloads through {@code d}. */
  private static void run(Detector d, List<Segment> segments) {
    InspectionContext c = new InspectionContext();
    c.setIpv4(0x0a000001, 0x0a000002);
    c.ipProto = 6;
    c.srcPort = 40000;
    c.flowFlags = InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_ESTABLISHED;
    Object store = new Object();
    Map<Long, Direction> dirs = new HashMap<>();
    for (Segment s : segments) {
      Direction dir = dirs.computeIfAbsent(s.direction(), x -> new Direction());
      byte[] b = s.bytes();
      c.dstPort = s.dstPort();
      c.clearBuffers();
      c.setBuffer(Buffers.PAYLOAD, b, 0, b.length);
      c.dsize = b.length;
      dir.hits.packet(dir.end, store, 0);
      d.inspect(c, 0, NO_RULE_CODE, RuleMeta.ON_STORED_PACKET, false, dir.hits);
      dir.append(b);
      if (dir.end - dir.chunked >= MIN_CHUNK) {
        int len = (int) (dir.end - dir.chunked);
        c.clearBuffers();
        c.setBuffer(Buffers.PAYLOAD, dir.buf, dir.fill - len, len);
        c.dsize = -1;
        c.streamChunk = true;
        dir.hits.chunk(dir.chunked, len, store, 0);
        d.inspect(c, 0, NO_RULE_CODE, RuleMeta.ON_STREAM, false, dir.hits);
        c.streamChunk = false;
        dir.chunked = dir.end;
        dir.fill = 0;
      }
    }
  }

  /** A direction's stream: the bytes not yet in a chunk, their end offset, its kept scans. */
  private static final class Direction {
    final StreamHits hits = new StreamHits();
    byte[] buf = new byte[4096];
    int fill;
    long end;
    long chunked;

    void append(byte[] b) {
      if (fill + b.length > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(2 * buf.length, fill + b.length));
      }
      System.arraycopy(b, 0, buf, fill, b.length);
      fill += b.length;
      end += b.length;
    }
  }

  private static List<Segment> read(byte[] file) {
    List<Segment> out = new ArrayList<>();
    ByteBuffer bb = ByteBuffer.wrap(file);
    if (bb.getInt(0) == 0xd4c3b2a1) {
      bb.order(ByteOrder.LITTLE_ENDIAN);
    }
    int pos = 24;
    while (pos + 16 <= file.length) {
      int cap = bb.getInt(pos + 8);
      int s = pos + 16;
      pos = s + cap;
      if (cap < 54 || pos > file.length || file[s + 12] != 8 || file[s + 13] != 0) {
        continue;
      }
      int ip = s + 14;
      if ((file[ip] >> 4) != 4 || (file[ip + 9] & 0xff) != 6) {
        continue;
      }
      int total = ((file[ip + 2] & 0xff) << 8) | (file[ip + 3] & 0xff);
      int end = Math.min(ip + total, s + cap);
      int l4 = ip + (file[ip] & 15) * 4;
      if (l4 + 20 > end) {
        continue;
      }
      int payload = l4 + ((file[l4 + 12] & 0xff) >> 4) * 4;
      if (payload < end) {
        long key = 0;
        for (int i = 12; i < 20; i++) {
          key = key * 1_000_003L + (file[ip + i] & 0xff);
        }
        key = key * 1_000_003L + (((file[l4] & 0xff) << 24) | ((file[l4 + 1] & 0xff) << 16));
        key = key * 1_000_003L + (((file[l4 + 2] & 0xff) << 8) | (file[l4 + 3] & 0xff));
        int dst = ((file[l4 + 2] & 0xff) << 8) | (file[l4 + 3] & 0xff);
        out.add(new Segment(key, dst, java.util.Arrays.copyOfRange(file, payload, end)));
      }
    }
    return out;
  }
}
