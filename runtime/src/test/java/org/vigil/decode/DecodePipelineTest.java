package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.engine.DecodePipeline;
import org.vigil.engine.PathConfig;
import org.vigil.flow.FlowEndListener;
import org.vigil.testing.Corpus;

class DecodePipelineTest {
  private record Result(long records, boolean readable) {}

  /** Walks every corpus capture through the whole path; returns records per relative path. */
  private static Map<String, Result> walk(
      Path corpus, String set, PathStats stats, long[] delivered) throws IOException {
    Map<String, Result> out = new HashMap<>();
    DecodePipeline pipe =
        new DecodePipeline(
            PathConfig.defaults(),
            FragPolicyResolver.suricataDefault(),
            stats,
            p -> {
              delivered[0]++;
              if (p.flow() != null) delivered[1]++;
              if (p.isPseudo()) delivered[2]++;
              if (p.isReassembled()) delivered[3]++;
            },
            FlowEndListener.NONE);
    List<Path> files;
    try (Stream<Path> s = Files.walk(corpus.resolve("pcaps").resolve(set))) {
      files =
          s.filter(Files::isRegularFile)
              .filter(
                  f -> {
                    String n = f.getFileName().toString();
                    return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap");
                  })
              .sorted()
              .toList();
    }
    for (Path f : files) {
      long before = stats.packets;
      boolean ok = pipe.runCapture(f);
      out.put(corpus.relativize(f).toString(), new Result(stats.packets - before, ok));
    }
    return out;
  }

  private static void compare(String set) throws IOException {
    Path corpus = Corpus.dir();
    PathStats stats = new PathStats();
    long[] delivered = new long[4];
    Map<String, Result> got = walk(corpus, set, stats, delivered);
    List<String> lines =
        Files.readAllLines(corpus.resolve("expected/tshark-packets-" + set + ".txt"));
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (String line : lines) {
      String[] f = line.split("\t");
      if (f.length < 3 || !f[2].equals("ok")) continue;
      Result r = got.get(f[1]);
      if (r == null) continue;
      compared++;
      long want = Long.parseLong(f[0]);
      if (r.records() != want)
        disagreements.add(
            f[1]
                + ": tshark "
                + want
                + ", vigil "
                + r.records()
                + (r.readable() ? "" : " (unreadable)"));
    }
    System.out.printf(
        "%s: %d captures, %d compared with tshark, %d packets, %d delivered (%d with flow, %d pseudo,"
            + " %d reassembled), %d decoder events, %d flows, %d capture errors, %d unreadable%n",
        set,
        got.size(),
        compared,
        stats.packets,
        delivered[0],
        delivered[1],
        delivered[2],
        delivered[3],
        stats.totalEvents(),
        stats.flows.created,
        stats.captureErrors,
        stats.capturesUnreadable);
    disagreements.forEach(d -> System.out.println("DISAGREE " + d));
    assertTrue(compared > 500, "compared only " + compared);
    assertEquals(List.of(), disagreements, "packet counts that disagree with tshark");
    assertTrue(stats.totalEvents() > 0, "decoder events are counted");
    assertTrue(stats.flows.created > 0);
  }

  private static String protoName(int proto) {
    return switch (proto) {
      case 1 -> "ICMP";
      case 2 -> "IGMP";
      case 4 -> "IPIP";
      case 6 -> "TCP";
      case 17 -> "UDP";
      case 41 -> "IPv6";
      case 47 -> "GRE";
      case 50 -> "ESP";
      case 51 -> "AH";
      case 58 -> "IPv6-ICMP";
      case 132 -> "SCTP";
      default -> String.valueOf(proto);
    };
  }

  /**
   * Every 5-tuple on which Suricata 7 raised an alert (both rule sets, both capture sets) is the
   * tuple of a packet Vigil decodes from the same capture: link layers, tunnels and defrag reach
   * the same inner packets. For non-TCP alerts the record number (pcap_cnt, null for tunnel inner
   * packets) matches too.
   */
  @Test
  @SuppressWarnings("unchecked")
  void everyTupleSuricataAlertedOnIsDecoded() throws IOException {
    Path corpus = Corpus.dir();
    Map<String, java.util.Set<String>> want = new java.util.TreeMap<>();
    for (String rs : List.of("community", "et-open")) {
      for (String set : List.of("zeek", "tcpdump")) {
        Path f = corpus.resolve("expected/suricata-7.0.10/" + rs + "/" + set + ".jsonl");
        for (String line : Files.readAllLines(f)) {
          if (line.isBlank()) continue;
          Map<String, Object> a = (Map<String, Object>) org.vigil.testing.Json.parse(line);
          String tuple =
              a.get("proto")
                  + " "
                  + a.get("src_ip")
                  + " "
                  + a.get("src_port")
                  + " "
                  + a.get("dest_ip")
                  + " "
                  + a.get("dest_port");
          java.util.Set<String> w =
              want.computeIfAbsent((String) a.get("pcap"), k -> new java.util.TreeSet<>());
          w.add(tuple);
          // packet alerts (no stream involved) name the very record: its number must match too
          if (!"TCP".equals(a.get("proto"))) w.add("#" + a.get("pcap_cnt") + " " + tuple);
        }
      }
    }
    List<String> missing = new ArrayList<>();
    int tuples = 0;
    for (Map.Entry<String, java.util.Set<String>> e : want.entrySet()) {
      java.util.Set<String> got = new java.util.HashSet<>();
      DecodePipeline pipe =
          new DecodePipeline(
              PathConfig.defaults(),
              FragPolicyResolver.suricataDefault(),
              new PathStats(),
              p -> {
                if (p.ipVersion() == 0) return;
                boolean ports = p.isTcp() || p.isUdp();
                String sp = ports ? String.valueOf(p.srcPort()) : "null";
                String dp = ports ? String.valueOf(p.dstPort()) : "null";
                String proto = protoName(p.ipProto());
                String fwd =
                    proto + " " + p.srcAddressEve() + " " + sp + " " + p.dstAddressEve() + " " + dp;
                got.add(fwd);
                got.add(
                    proto
                        + " "
                        + p.dstAddressEve()
                        + " "
                        + dp
                        + " "
                        + p.srcAddressEve()
                        + " "
                        + sp);
                got.add("#" + (p.hasPcapCnt() ? String.valueOf(p.pcapCnt()) : "null") + " " + fwd);
              },
              FlowEndListener.NONE);
      pipe.runCapture(corpus.resolve(e.getKey()));
      for (String t : e.getValue()) {
        tuples++;
        if (!got.contains(t)) missing.add(e.getKey() + ": " + t);
      }
    }
    System.out.println(
        "alert tuples checked: "
            + tuples
            + " in "
            + want.size()
            + " captures, missing "
            + missing.size());
    missing.forEach(m -> System.out.println("MISSING " + m));
    assertTrue(tuples > 500);
    assertEquals(List.of(), missing);
  }

  @Test
  void zeekCapturesGoThroughAndPacketCountsAgreeWithTshark() throws IOException {
    compare("zeek");
  }

  @Test
  void tcpdumpCapturesGoThroughAndPacketCountsAgreeWithTshark() throws IOException {
    compare("tcpdump");
  }
}
