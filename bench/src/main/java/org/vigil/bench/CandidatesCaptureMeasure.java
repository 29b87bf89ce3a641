package org.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.detect.artifact.ScanKey;

/**
 * The candidates stage over every TCP and UDP payload of a capture (classic pcap, Ethernet, IPv4),
 * each through the groups its protocol and destination port select, timed in thread CPU time so
 * that a loaded machine disturbs it less than wall time; prints per pass the time, the payload
 * bytes per second and the candidates, and once a checksum of every payload's candidate rules, so
 * two builds can be compared for speed and for identical candidates. Passes alternate between scans
 * for every rule's patterns and scans leaving out the rules whose {@code flow:} needs the other
 * direction than the payload's (the side of the lower port taken as the server's), as a detector's
 * scans do. Usage: {@code java -cp bench/target/benchmarks.jar
 * org.vigil.bench.CandidatesCaptureMeasure <x.vrs> <capture.pcap> [passes]}.
 */
public final class CandidatesCaptureMeasure {
  private CandidatesCaptureMeasure() {}

  /** One TCP or UDP payload of a capture with its protocol and ports. */
  record Payload(int proto, int srcPort, int dstPort, byte[] bytes) {
    /** Whether the payload is sent to the server, taken as the side of the lower port. */
    boolean toServer() {
      return dstPort <= srcPort;
    }
  }

  /** Entry point. */
  public static void main(String[] a) throws Exception {
    Ruleset rs = RulesetLinker.load(Path.of(a[0]));
    List<Payload> payloads = read(Files.readAllBytes(Path.of(a[1])));
    int passes = a.length > 2 ? Integer.parseInt(a[2]) : 15;
    long bytes = payloads.stream().mapToLong(p -> p.bytes().length).sum();
    System.out.printf("%d payloads, %d bytes%n", payloads.size(), bytes);
    InspectionContext c = new InspectionContext();
    c.setIpv4(0x0a000001, 0x0a000002);
    CandidateSet cs = new CandidateSet(rs.size());
    byte[] ruleBits = new byte[rs.size()];
    for (int r = 0; r < ruleBits.length; r++) {
      ruleBits[r] = ScanKey.ruleBits(rs.meta(r).scope());
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int k = 0; k < passes; k++) {
      boolean flow = k % 2 == 1;
      long t0 = mx.getCurrentThreadCpuTime();
      long candidates = 0;
      long sum = 0;
      int index = 0;
      for (Payload p : payloads) {
        index++;
        c.ipProto = p.proto();
        c.srcPort = p.srcPort();
        c.dstPort = p.dstPort();
        c.flowFlags =
            (p.toServer() ? InspectionContext.FLOW_TO_SERVER : InspectionContext.FLOW_TO_CLIENT)
                | InspectionContext.FLOW_ESTABLISHED;
        c.setBuffer(Buffers.PAYLOAD, p.bytes(), 0, p.bytes().length);
        c.dsize = p.bytes().length;
        cs.clear();
        int pc = Ruleset.protoClass(p.proto());
        PortGroup any = rs.anyGroup(pc);
        PortGroup g = pc == Ruleset.OTHER ? null : rs.portGroup(pc, p.dstPort());
        int key = flow ? ScanKey.flowKey(c.flowFlags) : 0;
        if (g == null) {
          any.candidates(c, cs, ruleBits, key);
        } else {
          g.candidatesWith(any, c, cs, ruleBits, key);
        }
        if (k < 2) {
          for (int r = cs.next(0); r >= 0; r = cs.next(r + 1)) {
            candidates++;
            sum = sum * 31 + r * 1_000_003L + index;
          }
        }
      }
      long ns = mx.getCurrentThreadCpuTime() - t0;
      System.out.printf(
          "pass %d%s: %.1f ms CPU, %.0f MB/s%s%n",
          k,
          flow ? " (flow)" : "",
          ns / 1e6,
          bytes * 1e3 / ns,
          k < 2 ? ", candidates " + candidates + ", checksum " + sum : "");
    }
  }

  /** The TCP and UDP payloads of a classic pcap file (Ethernet, IPv4), in capture order. */
  static List<Payload> read(byte[] file) {
    List<Payload> out = new ArrayList<>();
    ByteBuffer bb = ByteBuffer.wrap(file);
    if (bb.getInt(0) == 0xd4c3b2a1) {
      bb.order(ByteOrder.LITTLE_ENDIAN);
    }
    int pos = 24;
    while (pos + 16 <= file.length) {
      int cap = bb.getInt(pos + 8);
      int s = pos + 16;
      pos = s + cap;
      if (cap < 42 || pos > file.length || file[s + 12] != 8 || file[s + 13] != 0) {
        continue;
      }
      int ip = s + 14;
      if ((file[ip] >> 4) != 4) {
        continue;
      }
      int proto = file[ip + 9] & 0xff;
      int total = ((file[ip + 2] & 0xff) << 8) | (file[ip + 3] & 0xff);
      int end = Math.min(ip + total, s + cap);
      int l4 = ip + (file[ip] & 15) * 4;
      int payload;
      if (proto == 6 && l4 + 20 <= end) {
        payload = l4 + ((file[l4 + 12] & 0xff) >> 4) * 4;
      } else if (proto == 17 && l4 + 8 <= end) {
        payload = l4 + 8;
      } else {
        continue;
      }
      if (payload < end) {
        int src = ((file[l4] & 0xff) << 8) | (file[l4 + 1] & 0xff);
        int dst = ((file[l4 + 2] & 0xff) << 8) | (file[l4 + 3] & 0xff);
        out.add(new Payload(proto, src, dst, Arrays.copyOfRange(file, payload, end)));
      }
    }
    return out;
  }
}
