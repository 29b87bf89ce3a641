package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.defrag.DatagramKeeper;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.flow.FlowEndListener;
import org.vigil.testing.PacketBuilder;

/**
 * Two pipelines reading the same frames and sharing their datagrams ({@link
 * DecodePipeline#shareDatagrams}): a flow's datagram is rebuilt by the pipeline that owns it only,
 * the other numbers it as rebuilt elsewhere; tunnels and ICMP errors are rebuilt by both; both
 * count the defrag counters alike.
 */
class SharedDatagramsTest {
  /** One pipeline: owns the datagrams to {@code port}; records what it sees. */
  private static final class Side implements DatagramOwners {
    final int port;
    final PathStats stats = new PathStats();
    final List<String> rebuilt = new ArrayList<>();
    final List<String> elsewhere = new ArrayList<>();
    final DecodePipeline pipe;

    Side(int port) {
      this.port = port;
      pipe =
          new DecodePipeline(
              PathConfig.defaults(),
              FragPolicyResolver.suricataDefault(),
              stats,
              this::seen,
              FlowEndListener.NONE);
      pipe.shareDatagrams(this);
    }

    private void seen(Packet p) {
      if (p.isReassembled()) {
        String owned = pipe.rebuiltOwned(p) ? "own " : "all ";
        rebuilt.add(owned + p.ipProto() + " " + p.dstPort());
      }
    }

    @Override
    public int decide(Packet datagram) {
      return datagram.dstPort() == port ? DatagramKeeper.OWN : 2;
    }

    @Override
    public void rebuiltElsewhere(Packet lastFragment, int tag, boolean wantsFlow) {
      elsewhere.add(tag + (wantsFlow ? " flow" : " no flow"));
    }

    void feed(List<byte[]> ips) {
      long n = 0;
      for (byte[] ip : ips) {
        byte[] f = PacketBuilder.ethernet((ip[0] >> 4) == 6 ? 0x86dd : 0x0800, ip);
        Packet p = pipe.acquire();
        System.arraycopy(f, 0, p.ensureCapacity(f.length), 0, f.length);
        p.setFrame(f.length, f.length, 1_000_000_000L * (1000 + n), LinkTypes.ETHERNET, ++n, "t");
        pipe.process(p);
        pipe.release(p);
      }
    }
  }

  @Test
  void aFlowsDatagramIsRebuiltByItsOwnerOnly() {
    List<byte[]> frames = new ArrayList<>();
    frames.addAll(fragments(PacketBuilder.udp(5000, 53, text("..A..", 40)), 1, false));
    frames.addAll(fragments(PacketBuilder.udp(5000, 54, text("..B..", 40)), 2, true));
    frames.addAll(fragments6(PacketBuilder.udp(5000, 54, text("..C..", 40)), 3));
    // a UDP length field beyond the datagram: rebuilt, it has no flow
    byte[] longer = PacketBuilder.udp(5000, 53, text("..D..", 40));
    longer[5] += 8;
    frames.addAll(fragments(longer, 6, false));
    // a GRE datagram and an ICMP error: every pipeline rebuilds them
    frames.addAll(fragments(gre(), 4, false, 47));
    byte[] quoted =
        PacketBuilder.ipv4("10.0.0.2", "10.0.0.1", 17, PacketBuilder.udp(53, 5000, new byte[8]));
    frames.addAll(
        fragments(PacketBuilder.icmp(3, 3, 0, 0, Arrays.copyOf(quoted, 60)), 5, false, 1));
    Side a = new Side(53);
    Side b = new Side(54);
    a.feed(frames);
    b.feed(frames);
    assertEquals(List.of("own 17 53", "own 17 0", "all 47 0", "all 1 0"), a.rebuilt);
    assertEquals(
        List.of("2 flow", "2 flow"), a.elsewhere, "the datagrams to port 54 completed elsewhere");
    assertEquals(List.of("own 17 54", "own 17 54", "all 47 0", "all 1 0"), b.rebuilt);
    assertEquals(List.of("2 flow", "2 no flow"), b.elsewhere);
    // the fragments before the first are stored by both, the others by the owner only
    assertEquals(3 + 2 + 0 + 3 + 3 + 3, a.pipe.defragmenter().fragmentsStored());
    assertEquals(0 + 3 + 3 + 0 + 3 + 3, b.pipe.defragmenter().fragmentsStored());
    assertEquals(3 + 3, a.pipe.defragmenter().fragmentsLeft());
    assertEquals(3 + 3, b.pipe.defragmenter().fragmentsLeft());
    for (PathStats s : List.of(a.stats, b.stats)) {
      assertEquals(18, s.fragments);
      assertEquals(6, s.reassembled, "each datagram counted by every pipeline");
      assertEquals(0, s.defragMemuse);
      assertEquals(a.stats.defragMemusePeak, s.defragMemusePeak);
    }
    assertEquals(
        1, a.pipe.ownStats().udp, "its own datagram's decode counted apart (the other has no L4)");
    assertEquals(2, b.pipe.ownStats().udp);
    assertTrue(a.pipe.defragmenter().nativeBytesPeak() > 0);
  }

  /**
   * An IPv6 datagram behind a hop-by-hop header whose fragments carry 65,528 bytes: rebuilt, its
   * payload length overflows the header's field and it has no flow, which the pipeline that left it
   * to the other knows.
   */
  @Test
  void aDatagramTooLongForItsHeaderHasNoFlowInEitherPipeline() {
    byte[] l4 = PacketBuilder.udp(5000, 54, new byte[65520]);
    List<byte[]> frames = new ArrayList<>();
    byte[] hbh = PacketBuilder.optionsHeader(44, new byte[0]);
    for (int at = 0; at < l4.length; at += 1448) {
      int end = Math.min(l4.length, at + 1448);
      byte[] fh = PacketBuilder.fragHeader(17, at, end < l4.length, 9);
      byte[] ext = Arrays.copyOf(hbh, hbh.length + fh.length);
      System.arraycopy(fh, 0, ext, hbh.length, fh.length);
      byte[] part = Arrays.copyOfRange(l4, at, end);
      frames.add(PacketBuilder.ipv6("2001:db8::1", "2001:db8::2", 0, ext, 17, part));
    }
    Side a = new Side(53);
    Side b = new Side(54);
    a.feed(frames);
    b.feed(frames);
    assertEquals(List.of("2 no flow"), a.elsewhere);
    assertEquals(List.of("own 0 0"), b.rebuilt, "rebuilt by its owner, undecodable");
    assertEquals(1, b.stats.reassembled);
  }

  private static byte[] text(String head, int len) {
    return Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), len);
  }

  private static byte[] gre() {
    byte[] inner =
        PacketBuilder.ipv4("10.9.0.1", "10.9.0.2", 17, PacketBuilder.udp(1, 2, new byte[32]));
    byte[] g = new byte[4 + inner.length];
    g[2] = 0x08; // IPv4 inside
    System.arraycopy(inner, 0, g, 4, inner.length);
    return g;
  }

  private static List<byte[]> fragments(byte[] l4, int id, boolean firstLast) {
    return fragments(l4, id, firstLast, 17);
  }

  /** Three IPv4 fragments of {@code l4} (24, 16 bytes, the rest), the first last if asked. */
  private static List<byte[]> fragments(byte[] l4, int id, boolean firstLast, int proto) {
    byte[] whole = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2", proto, l4);
    byte[] b = Arrays.copyOfRange(whole, 20, whole.length);
    int[] at = {0, 24, 40, b.length};
    List<byte[]> out = new ArrayList<>();
    for (int i : firstLast ? new int[] {1, 2, 0} : new int[] {0, 1, 2}) {
      byte[] part = Arrays.copyOfRange(b, at[i], at[i + 1]);
      out.add(
          PacketBuilder.ipv4(
              "10.0.0.1", "10.0.0.2", proto, id, at[i], i < 2, 64, new byte[0], part));
    }
    return out;
  }

  private static List<byte[]> fragments6(byte[] l4, int id) {
    byte[] whole = PacketBuilder.ipv6("2001:db8::1", "2001:db8::2", 17, l4);
    byte[] b = Arrays.copyOfRange(whole, 40, whole.length);
    int[] at = {0, 24, 40, b.length};
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] fh = PacketBuilder.fragHeader(17, at[i], i < 2, id);
      byte[] part = Arrays.copyOfRange(b, at[i], at[i + 1]);
      out.add(PacketBuilder.ipv6("2001:db8::1", "2001:db8::2", 44, fh, 17, part));
    }
    return out;
  }
}
