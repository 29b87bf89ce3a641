package org.vigil.defrag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.fragHeader;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.ipv6;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.decode.DecodeEvent;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.engine.DecodePipeline;
import org.vigil.engine.PathConfig;
import org.vigil.flow.FlowEndListener;
import org.vigil.testing.Corpus;
import org.vigil.testing.Json;

class DefragmenterTest {
  private record Seen(
      long pcapCnt, boolean reassembled, boolean overlap, String payload, int proto) {}

  private static List<Seen> run(
      FragPolicyResolver policy,
      List<byte[]> frames,
      int linkType,
      DefragConfig dc,
      PathStats stats) {
    List<Seen> seen = new ArrayList<>();
    PathConfig cfg =
        new PathConfig(PathConfig.defaults().decode(), dc, PathConfig.defaults().flow());
    DecodePipeline pipe =
        new DecodePipeline(
            cfg,
            policy,
            stats,
            p -> {
              boolean ov =
                  p.hasEvent(DecodeEvent.IPV4_FRAG_OVERLAP)
                      || p.hasEvent(DecodeEvent.IPV6_FRAG_OVERLAP);
              String pl =
                  p.isReassembled()
                      ? new String(
                          p.data(),
                          p.ipPayloadOffset(),
                          p.ipPayloadLength(),
                          StandardCharsets.ISO_8859_1)
                      : null;
              seen.add(new Seen(p.pcapCnt(), p.isReassembled(), ov, pl, p.ipProto()));
            },
            FlowEndListener.NONE);
    long n = 0;
    for (byte[] f : frames) {
      Packet p = pipe.acquire();
      System.arraycopy(f, 0, p.ensureCapacity(f.length), 0, f.length);
      p.setFrame(f.length, f.length, 1_000_000_000L * (1000 + n), linkType, ++n, "test");
      pipe.process(p);
      pipe.release(p);
    }
    return seen;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> fragments(Map<String, Object> doc) {
    return (List<Map<String, Object>>) (List<?>) doc.get("fragments");
  }

  private static List<byte[]> sturgesNovak(Map<String, Object> doc, boolean v6) {
    List<byte[]> frames = new ArrayList<>();
    for (Map<String, Object> f : fragments(doc)) {
      int off = ((Long) f.get("offset_bytes")).intValue();
      boolean mf = ((Long) f.get("mf")) == 1;
      byte[] payload = ((String) f.get("payload")).getBytes(StandardCharsets.ISO_8859_1);
      frames.add(
          v6
              ? ipv6(
                  "101:101:101:101:101:101:101:101",
                  "202:202:202:202:202:202:202:202",
                  44,
                  fragHeader(58, off, mf, 1),
                  58,
                  payload)
              : ipv4("1.1.1.1", "2.2.2.2", 1, 1, off, mf, 64, new byte[0], payload));
    }
    return frames;
  }

  @Test
  @SuppressWarnings("unchecked")
  void sturgesNovakOverlapsReassembleAsEachPolicyExpects() throws IOException {
    Map<String, Object> doc =
        (Map<String, Object>) Json.read(Corpus.file("evasion/ip-frag-overlap.json"));
    Map<String, Object> expected = (Map<String, Object>) doc.get("expected_reassembly");
    int checked = 0;
    for (String version : List.of("ipv4", "ipv6")) {
      Map<String, Object> perPolicy = (Map<String, Object>) expected.get(version);
      for (Map.Entry<String, Object> e : perPolicy.entrySet()) {
        String want = (String) ((Map<String, Object>) e.getValue()).get("expected_payload");
        PathStats stats = new PathStats();
        List<Seen> seen =
            run(
                FragPolicyResolver.of(FragPolicy.forName(e.getKey())),
                sturgesNovak(doc, version.equals("ipv6")),
                version.equals("ipv6") ? LinkTypes.IPV6 : LinkTypes.IPV4,
                DefragConfig.defaults(),
                stats);
        String what = version + "/" + e.getKey();
        assertEquals(18, seen.size(), what + ": 17 fragments and one reassembled datagram");
        for (int i = 0; i < 17; i++) {
          assertFalse(seen.get(i).reassembled(), what + ": no reassembly before the last fragment");
          if (i <= 8)
            assertFalse(seen.get(i).overlap(), what + ": no overlap event on fragment " + i);
        }
        assertTrue(
            seen.subList(9, 16).stream().anyMatch(Seen::overlap), what + ": overlap event raised");
        Seen r = seen.get(17);
        assertTrue(r.reassembled());
        assertEquals(want.length(), 192);
        assertEquals(want, r.payload(), what);
        assertEquals(
            version.equals("ipv6") ? 58 : 1, r.proto(), what + ": protocol after reassembly");
        assertEquals(
            0, r.pcapCnt(), what + ": the reassembled packet has no record number (null in EVE)");
        assertEquals(1, stats.reassembled);
        checked++;
      }
    }
    assertEquals(12, checked);
  }

  @Test
  void policyIsChosenPerDestinationHost() throws IOException {
    // same overlapping pair to two hosts: the first keeps old bytes (first), the second takes new
    // ones (last)
    FragPolicy first = new FirstPolicy(), last = new LastPolicy();
    FragPolicyResolver r = (v, hi, lo) -> lo == 0x0a000001L ? first : last;
    List<byte[]> frames = new ArrayList<>();
    for (String dst : List.of("10.0.0.1", "10.0.0.2")) {
      frames.add(
          ipv4("1.1.1.1", dst, 17, 7, 0, true, 64, new byte[0], "AAAAAAAAAAAAAAAA".getBytes()));
      frames.add(ipv4("1.1.1.1", dst, 17, 7, 8, true, 64, new byte[0], "BBBBBBBB".getBytes()));
      frames.add(ipv4("1.1.1.1", dst, 17, 7, 16, false, 64, new byte[0], "CCCCCCCC".getBytes()));
    }
    List<Seen> seen = run(r, frames, LinkTypes.IPV4, DefragConfig.defaults(), new PathStats());
    List<String> out = seen.stream().filter(Seen::reassembled).map(Seen::payload).toList();
    assertEquals(List.of("AAAAAAAAAAAAAAAACCCCCCCC", "AAAAAAAABBBBBBBBCCCCCCCC"), out);
  }

  @Test
  void reassembledUdpDatagramIsDecodedAndGetsAFlow() {
    byte[] udp = org.vigil.testing.PacketBuilder.udp(1234, 53, "0123456789abcdefXYZ".getBytes());
    byte[] whole = ipv4("1.1.1.1", "2.2.2.2", 17, udp);
    byte[] l4 = java.util.Arrays.copyOfRange(whole, 20, whole.length);
    List<byte[]> frames =
        List.of(
            ipv4(
                "1.1.1.1",
                "2.2.2.2",
                17,
                9,
                16,
                false,
                64,
                new byte[0],
                java.util.Arrays.copyOfRange(l4, 16, l4.length)),
            ipv4(
                "1.1.1.1",
                "2.2.2.2",
                17,
                9,
                0,
                true,
                64,
                new byte[0],
                java.util.Arrays.copyOfRange(l4, 0, 16)));
    PathStats stats = new PathStats();
    List<Packet> got = new ArrayList<>();
    List<String> desc = new ArrayList<>();
    PathConfig cfg = PathConfig.defaults();
    DecodePipeline pipe =
        new DecodePipeline(
            cfg,
            FragPolicyResolver.suricataDefault(),
            stats,
            p -> {
              got.add(p);
              desc.add(
                  p.isFragment()
                      + "/"
                      + p.isReassembled()
                      + "/"
                      + p.isUdp()
                      + "/"
                      + p.dstPort()
                      + "/"
                      + (p.flow() != null)
                      + "/"
                      + (p.isUdp()
                          ? new String(p.data(), p.payloadOffset(), p.payloadLength())
                          : ""));
            },
            FlowEndListener.NONE);
    long n = 0;
    for (byte[] f : frames) {
      Packet p = pipe.acquire();
      System.arraycopy(f, 0, p.ensureCapacity(f.length), 0, f.length);
      p.setFrame(f.length, f.length, 5_000_000_000L, LinkTypes.RAW, ++n, "t");
      pipe.process(p);
    }
    assertEquals(
        List.of(
            "true/false/false/0/false/",
            "true/false/false/0/false/",
            "false/true/true/53/true/0123456789abcdefXYZ"),
        desc);
    assertEquals(2, stats.fragmentsIpv4);
    assertNotNull(got.get(2));
  }

  @Test
  void incompleteDatagramsTimeOutAndTheMemoryCapEvictsTheOldest() {
    PathStats stats = new PathStats();
    List<byte[]> frames = new ArrayList<>();
    for (int id = 0; id < 10; id++) {
      frames.add(ipv4("1.1.1.1", "2.2.2.2", 17, id, 0, true, 64, new byte[0], new byte[400]));
    }
    // cap of 2 datagrams (896 bytes each): older trackers are evicted as new ones come
    run(
        FragPolicyResolver.suricataDefault(),
        frames,
        LinkTypes.IPV4,
        new DefragConfig(60, 1900, 100),
        stats);
    assertTrue(stats.fragmentsEvicted >= 7, "evicted " + stats.fragmentsEvicted);
    PathStats s2 = new PathStats();
    // frames one second apart with a 2 s timeout: early trackers time out
    run(
        FragPolicyResolver.suricataDefault(),
        frames,
        LinkTypes.IPV4,
        new DefragConfig(2, 1 << 20, 100),
        s2);
    assertTrue(s2.fragmentsTimedOut >= 6, "timed out " + s2.fragmentsTimedOut);
    assertEquals(0, s2.reassembled);
  }

  @Test
  void evictedDatagramsGiveTheirArraysToNewOnesWithoutTheirBytes() {
    // a cap of three datagrams: 40 first fragments of 'X' that never complete evict each other,
    // then ten datagrams of 392 + 8 bytes reassemble in the trackers and arrays they left
    List<byte[]> frames = new ArrayList<>();
    for (int id = 0; id < 40; id++) {
      frames.add(ipv4("1.1.1.1", "2.2.2.2", 17, id, 0, true, 64, new byte[0], filled('X', 400)));
    }
    List<String> expected = new ArrayList<>();
    for (int id = 100; id < 110; id++) {
      char c = (char) ('a' + id - 100);
      char tail = Character.toUpperCase(c);
      frames.add(ipv4("1.1.1.1", "2.2.2.2", 17, id, 0, true, 64, new byte[0], filled(c, 392)));
      frames.add(ipv4("1.1.1.1", "2.2.2.2", 17, id, 392, false, 64, new byte[0], filled(tail, 8)));
      expected.add(new String(filled(c, 392)) + new String(filled(tail, 8)));
    }
    PathStats stats = new PathStats();
    List<Seen> seen =
        run(
            FragPolicyResolver.suricataDefault(),
            frames,
            LinkTypes.IPV4,
            new DefragConfig(60, 2700, 100),
            stats);
    List<String> got = new ArrayList<>();
    for (Seen s : seen) {
      if (s.reassembled()) {
        got.add(s.payload());
      }
    }
    assertEquals(expected, got);
    assertTrue(stats.fragmentsEvicted >= 37, "evicted " + stats.fragmentsEvicted);
    assertTrue(stats.defragMemusePeak <= 2700, "memuse peak " + stats.defragMemusePeak);
  }

  /**
   * Bytes of one held datagram with one 1,024-byte fragment (compressed pointers): its native
   * block's malloc chunk 1,024 + 16, key 72, map entry 40, table slot 8, tracker 72, 4-slot arrays
   * int[4] 32, int[4] 32 and long[4] 48, header copy 80.
   */
  private static final int FLOOD_DATAGRAM = 1040 + 72 + 40 + 8 + 72 + 112 + 80;

  @Test
  void fragmentFloodAccountsTheHeapItHoldsAndHitsTheMemcapAtTheCap() {
    List<byte[]> frames = new ArrayList<>();
    for (int id = 0; id < 30; id++) {
      frames.add(ipv4("1.1.1.1", "2.2.2.2", 17, id, 0, true, 64, new byte[0], new byte[1024]));
    }
    long cap = 10L * FLOOD_DATAGRAM + FLOOD_DATAGRAM / 2;
    PathStats ten = new PathStats();
    run(
        FragPolicyResolver.suricataDefault(),
        frames.subList(0, 10),
        LinkTypes.IPV4,
        new DefragConfig(60, cap, 100),
        ten);
    assertEquals(10L * FLOOD_DATAGRAM, ten.defragMemuse);
    assertEquals(0, ten.defragMemcapHits);
    PathStats all = new PathStats();
    run(
        FragPolicyResolver.suricataDefault(),
        frames,
        LinkTypes.IPV4,
        new DefragConfig(60, cap, 100),
        all);
    assertEquals(10L * FLOOD_DATAGRAM, all.defragMemuse);
    assertEquals(10L * FLOOD_DATAGRAM, all.defragMemusePeak);
    assertEquals(20, all.defragMemcapHits);
    assertEquals(20, all.fragmentsEvicted);
  }

  @Test
  void growingFragmentSlotsAreAccountedAndAllReturnedOnReassembly() {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      frames.add(ipv4("1.1.1.1", "2.2.2.2", 17, 7, 8 * i, i < 5, 64, new byte[0], filled('a', 8)));
    }
    PathStats stats = new PathStats();
    List<Seen> seen =
        run(
            FragPolicyResolver.suricataDefault(),
            frames,
            LinkTypes.IPV4,
            new DefragConfig(60, 1 << 20, 100),
            stats);
    assertEquals(1, stats.reassembled);
    assertTrue(seen.stream().anyMatch(Seen::reassembled));
    // datagram 384, six 8-byte fragments in 128-byte blocks (chunks of 144) 6 x 144, slot arrays
    // 4 -> 8: int[] 2 x 16, long[] 32
    assertEquals(384 + 6 * 144 + 64, stats.defragMemusePeak);
    assertEquals(0, stats.defragMemuse);
  }

  private static byte[] filled(char c, int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) c);
    return b;
  }

  @Test
  void datagramBeyond64kIsRefused() {
    PathStats stats = new PathStats();
    List<Seen> seen =
        run(
            FragPolicyResolver.suricataDefault(),
            List.of(ipv4("1.1.1.1", "2.2.2.2", 17, 3, 65528, false, 64, new byte[0], new byte[16])),
            LinkTypes.IPV4,
            DefragConfig.defaults(),
            stats);
    assertEquals(1, stats.events(DecodeEvent.IPV4_FRAG_PKT_TOO_LARGE));
    assertNull(seen.get(0).payload());
  }

  @Test
  void unknownPolicyNameIsRejectedWithItsName() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> FragPolicy.forName("beos"));
    assertTrue(e.getMessage().contains("beos"));
    assertEquals("bsd", FragPolicy.forName("hpux10").name());
    assertEquals("first", FragPolicy.forName("macos").name());
    assertEquals("windows", FragPolicy.forName("vista").name());
    assertEquals("linux", FragPolicy.forName("old_linux").name());
  }
}
