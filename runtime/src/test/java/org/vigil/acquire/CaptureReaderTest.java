package org.vigil.acquire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.concat;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.ipv6;
import static org.vigil.testing.PacketBuilder.tcp;
import static org.vigil.testing.PacketBuilder.udp;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.engine.DecodePipeline;
import org.vigil.engine.PathConfig;
import org.vigil.flow.FlowEndReason;
import org.vigil.testing.PcapWriter;

class CaptureReaderTest {
  @TempDir Path tmp;

  private static final byte[] IP4_UDP =
      ipv4("10.0.0.1", "10.0.0.2", 17, udp(1000, 53, "hello".getBytes()));
  private static final byte[] FRAME = ethernet(0x0800, IP4_UDP);

  private record Rec(byte[] frame, long ts, int link, long cnt, String name, int wire) {}

  private static List<Rec> readAll(Path f, PathStats stats) throws IOException {
    List<Rec> out = new ArrayList<>();
    try (CaptureSource s = CaptureReader.open(f, stats)) {
      Packet p = new Packet(16);
      while (true) {
        p.reset();
        if (!s.next(p)) break;
        out.add(
            new Rec(
                Arrays.copyOf(p.data(), p.length()),
                p.timestampNanos(),
                p.linkType(),
                p.pcapCnt(),
                p.captureName(),
                p.wireLength()));
      }
    }
    return out;
  }

  @Test
  void pcapInBothByteOrdersAndBothResolutions() throws IOException {
    for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
      for (boolean nanos : List.of(false, true)) {
        long t1 = nanos ? 1_700_000_000_123_456_789L : 1_700_000_000_123_456L;
        Path f =
            PcapWriter.pcap(LinkTypes.ETHERNET, order, nanos)
                .packet(t1, FRAME)
                .packet(0, t1 + 5, IP4_UDP, 1500)
                .write(tmp.resolve("a" + order + nanos + ".pcap"));
        PathStats stats = new PathStats();
        List<Rec> r = readAll(f, stats);
        assertEquals(2, r.size(), order + " nanos=" + nanos);
        assertArrayEquals(FRAME, r.get(0).frame());
        assertEquals(
            nanos ? 1_700_000_000_123_456_789L : 1_700_000_000_123_456_000L, r.get(0).ts());
        assertEquals(1, r.get(0).cnt());
        assertEquals(2, r.get(1).cnt());
        assertEquals(1500, r.get(1).wire());
        assertEquals(LinkTypes.ETHERNET, r.get(0).link());
        assertEquals(f.toString(), r.get(0).name());
        assertEquals(0, stats.captureErrors);
      }
    }
  }

  @Test
  void pcapngWithSeveralInterfacesSimplePacketsAndOtherBlocks() throws IOException {
    for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
      Path f =
          PcapWriter.pcapng(order)
              .iface(LinkTypes.ETHERNET)
              .iface(LinkTypes.RAW)
              .block(0x0BAD, bytes(1, 2, 3, 4, 5)) // custom block: skipped
              .packet(1, 3_000_000L, IP4_UDP, IP4_UDP.length)
              .block(5, new byte[20]) // interface statistics: skipped
              .packet(0, 4_000_000L, FRAME, FRAME.length)
              .simplePacket(FRAME)
              .write(tmp.resolve("b" + order + ".pcapng"));
      PathStats stats = new PathStats();
      List<Rec> r = readAll(f, stats);
      assertEquals(3, r.size());
      assertEquals(LinkTypes.RAW, r.get(0).link());
      assertArrayEquals(IP4_UDP, r.get(0).frame());
      assertEquals(3_000_000_000L, r.get(0).ts());
      assertEquals(LinkTypes.ETHERNET, r.get(1).link());
      assertArrayEquals(FRAME, r.get(2).frame());
      assertEquals(List.of(1L, 2L, 3L), r.stream().map(Rec::cnt).toList());
      assertEquals(0, stats.captureErrors);
    }
  }

  @Test
  void pcapngTimestampResolutionAndOffsetPerInterface() throws IOException {
    for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
      Path f =
          PcapWriter.pcapng(order)
              .iface(LinkTypes.ETHERNET, 9, 0)
              .iface(LinkTypes.ETHERNET, 0x80 | 10, 100)
              .iface(LinkTypes.ETHERNET, 3, 0)
              .packet(0, 1_500_000_000_123_456_789L, FRAME, FRAME.length)
              .packet(
                  1, 3L * 1024 + 512, FRAME, FRAME.length) // 3.5 s in 2^-10 units, +100 s offset
              .packet(2, 7_250L, FRAME, FRAME.length) // milliseconds
              .write(tmp.resolve("res" + order + ".pcapng"));
      PathStats stats = new PathStats();
      List<Rec> r = readAll(f, stats);
      assertEquals(
          List.of(1_500_000_000_123_456_789L, 103_500_000_000L, 7_250_000_000L),
          r.stream().map(Rec::ts).toList(),
          order.toString());
      assertEquals(0, stats.captureErrors);
    }
  }

  @Test
  void truncatedPcapIsReportedWithTheByteOffsetAndEarlierPacketsAreKept() throws IOException {
    byte[] whole = PcapWriter.pcap(LinkTypes.ETHERNET).packet(1, FRAME).packet(2, FRAME).toBytes();
    Path f = Files.write(tmp.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 10));
    PathStats stats = new PathStats();
    List<Rec> r = readAll(f, stats);
    assertEquals(1, r.size());
    assertEquals(1, stats.captureErrors);
    long offset = 24 + 16 + FRAME.length;
    assertTrue(
        stats.captureErrorMessages().get(0).contains("offset " + offset + ": truncated record"),
        stats.captureErrorMessages().get(0));
    // header cut in the middle
    Path g =
        Files.write(tmp.resolve("cut2.pcap"), Arrays.copyOf(whole, 24 + 16 + FRAME.length + 7));
    PathStats s2 = new PathStats();
    assertEquals(1, readAll(g, s2).size());
    assertTrue(s2.captureErrorMessages().get(0).contains("truncated record header"));
  }

  @Test
  void badPcapngBlockIsReportedWithItsOffset() throws IOException {
    PcapWriter w =
        PcapWriter.pcapng(ByteOrder.LITTLE_ENDIAN)
            .iface(LinkTypes.ETHERNET)
            .packet(0, 1, FRAME, FRAME.length);
    int at = w.toBytes().length;
    w.raw(bytes(6, 0, 0, 0, 7, 0, 0, 0)); // length 7: not a multiple of 4
    Path f = w.write(tmp.resolve("bad.pcapng"));
    PathStats stats = new PathStats();
    assertEquals(1, readAll(f, stats).size());
    assertEquals(
        List.of(f + ": offset " + at + ": bad block length 7"), stats.captureErrorMessages());
    // packet on an interface that was never described: skipped and reported
    Path g =
        PcapWriter.pcapng(ByteOrder.BIG_ENDIAN)
            .iface(LinkTypes.ETHERNET)
            .packet(3, 1, FRAME, FRAME.length)
            .packet(0, 2, FRAME, FRAME.length)
            .write(tmp.resolve("noif.pcapng"));
    PathStats s2 = new PathStats();
    List<Rec> r = readAll(g, s2);
    assertEquals(1, r.size());
    assertEquals(1, r.get(0).cnt());
    assertTrue(s2.captureErrorMessages().get(0).contains("unknown interface 3"));
  }

  @Test
  void aFileThatIsNotACaptureIsRefusedWithAClearMessage() throws IOException {
    Path f = Files.writeString(tmp.resolve("notes.txt"), "hello world, not a pcap");
    CaptureFormatException e =
        assertThrows(CaptureFormatException.class, () -> CaptureReader.open(f, new PathStats()));
    assertTrue(
        e.getMessage().startsWith(f + ": offset 0: not a pcap or pcapng file"), e.getMessage());
    Path empty = Files.write(tmp.resolve("empty.pcap"), new byte[0]);
    assertThrows(CaptureFormatException.class, () -> CaptureReader.open(empty, new PathStats()));
    PathStats stats = new PathStats();
    DecodePipeline pipe =
        new DecodePipeline(
            PathConfig.defaults(),
            FragPolicyResolver.suricataDefault(),
            stats,
            p -> {},
            (fl, r) -> {});
    assertFalse(pipe.runCapture(f));
    assertEquals(1, stats.capturesUnreadable);
  }

  @Test
  void folderIsReadInNameOrderEachFileItsOwnCaptureWithFlowsKeptApart() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("dir"));
    byte[] syn =
        ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1234, 80, 1, 0, 2, new byte[0])));
    byte[] synAck =
        ethernet(0x0800, ipv4("10.0.0.2", "10.0.0.1", 6, tcp(80, 1234, 9, 2, 18, new byte[0])));
    PcapWriter.pcap(LinkTypes.ETHERNET)
        .packet(1_000_000, syn)
        .packet(2_000_000, synAck)
        .write(dir.resolve("b.pcap"));
    PcapWriter.pcap(LinkTypes.ETHERNET).packet(3_000_000, synAck).write(dir.resolve("a.pcap"));
    Files.writeString(dir.resolve(".hidden"), "x");
    assertEquals(
        List.of("a.pcap", "b.pcap"),
        CaptureReader.captures(dir).stream().map(p -> p.getFileName().toString()).toList());
    List<String> seen = new ArrayList<>();
    List<String> ends = new ArrayList<>();
    PathStats stats = new PathStats();
    DecodePipeline pipe =
        new DecodePipeline(
            PathConfig.defaults(),
            FragPolicyResolver.suricataDefault(),
            stats,
            p ->
                seen.add(
                    Path.of(p.captureName()).getFileName()
                        + "#"
                        + p.pcapCnt()
                        + " "
                        + (p.toServer() ? "to_server" : "to_client")
                        + " flow "
                        + p.flow().id()),
            (fl, r) ->
                ends.add(
                    fl.id() + " " + r + " " + fl.packetsToServer() + "/" + fl.packetsToClient()));
    pipe.run(dir);
    assertEquals(3, seen.size());
    // in a.pcap the SYN-ACK is the first packet of its flow: its sender is the client
    assertTrue(seen.get(0).startsWith("a.pcap#1 to_server flow "), seen.get(0));
    assertTrue(seen.get(1).startsWith("b.pcap#1 to_server"), seen.get(1));
    assertTrue(seen.get(2).startsWith("b.pcap#2 to_client"), seen.get(2));
    String idA = seen.get(0).substring(seen.get(0).lastIndexOf(' ') + 1);
    String idB = seen.get(1).substring(seen.get(1).lastIndexOf(' ') + 1);
    assertFalse(idA.equals(idB), "a flow never carries into the next file");
    assertEquals(
        List.of(
            idA + " " + FlowEndReason.END_OF_CAPTURE + " 1/0",
            idB + " " + FlowEndReason.END_OF_CAPTURE + " 1/1"),
        ends);
    assertEquals(2, stats.captures);
  }

  @Test
  void everyLinkTypeReachesTheIpLayer() throws IOException {
    byte[] ip6 = ipv6("2001:db8::1", "2001:db8::2", 17, udp(5, 6, new byte[3]));
    byte[] sll = concat(bytes(0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00), IP4_UDP);
    byte[] sll2 =
        concat(bytes(0x86, 0xdd, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0), ip6);
    byte[] nullLe = concat(bytes(2, 0, 0, 0), IP4_UDP);
    byte[] nullBe = concat(bytes(0, 0, 0, 30), ip6);
    byte[] loop = concat(bytes(0, 0, 0, 2), IP4_UDP);
    record Case(int link, byte[] frame, String src) {}
    List<Case> cases =
        List.of(
            new Case(LinkTypes.LINUX_SLL, sll, "10.0.0.1"),
            new Case(LinkTypes.LINUX_SLL2, sll2, "2001:db8::1"),
            new Case(LinkTypes.NULL, nullLe, "10.0.0.1"),
            new Case(LinkTypes.NULL, nullBe, "2001:db8::1"),
            new Case(LinkTypes.LOOP, loop, "10.0.0.1"),
            new Case(LinkTypes.RAW_12, IP4_UDP, "10.0.0.1"),
            new Case(LinkTypes.RAW_14, ip6, "2001:db8::1"),
            new Case(LinkTypes.RAW, ip6, "2001:db8::1"),
            new Case(LinkTypes.IPV4, IP4_UDP, "10.0.0.1"),
            new Case(LinkTypes.IPV6, ip6, "2001:db8::1"),
            new Case(LinkTypes.ETHERNET, FRAME, "10.0.0.1"));
    for (Case c : cases) {
      Path f =
          PcapWriter.pcap(c.link())
              .packet(1, c.frame())
              .write(tmp.resolve("l" + c.link() + ".pcap"));
      List<String> got = new ArrayList<>();
      PathStats stats = new PathStats();
      new DecodePipeline(
              PathConfig.defaults(),
              FragPolicyResolver.suricataDefault(),
              stats,
              p -> got.add(p.srcAddress() + " udp=" + p.isUdp() + " events=" + p.eventCount()),
              (fl, r) -> {})
          .run(f);
      assertEquals(List.of(c.src() + " udp=true events=0"), got, "link type " + c.link());
    }
  }
}
