package org.vigil.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import org.vigil.acquire.CaptureFormatException;
import org.vigil.acquire.CaptureReader;
import org.vigil.acquire.CaptureSource;
import org.vigil.decode.Bytes;
import org.vigil.decode.Decoder;
import org.vigil.decode.Packet;
import org.vigil.decode.PacketConsumer;
import org.vigil.decode.PathStats;
import org.vigil.defrag.DatagramKeeper;
import org.vigil.defrag.Defragmenter;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.flow.FlowEndListener;
import org.vigil.flow.FlowEndReason;
import org.vigil.flow.FlowTable;

/**
 * Drives the packet path for one thread: reads captures, decodes each frame, reassembles IP
 * fragments, attaches flows and hands every packet (captured, reassembled, tunnel inner) to the
 * consumer. Packets come from a pool and are reused. Each capture file is its own world: flows and
 * fragments are flushed at its end.
 */
public final class DecodePipeline {
  private static final int FRAME_CAPACITY = 65536 + 1024;
  private final PathStats stats;
  private final Decoder decoder;
  private final Defragmenter defrag;
  private final FlowTable flows;
  private final PacketConsumer consumer;
  private final ArrayDeque<Packet> pool = new ArrayDeque<>();
  private DatagramOwners owners;
  private PathStats ownStats;
  private Decoder ownDecoder;
  private Decoder scratch;
  private Packet rebuiltOwned;
  private boolean rebuiltHasFlow;
  private boolean attachFlows = true;
  private org.vigil.acquire.bpf.BpfFilter filter;

  public DecodePipeline(
      PathConfig config,
      FragPolicyResolver policies,
      PathStats stats,
      PacketConsumer consumer,
      FlowEndListener flowEnd) {
    this.stats = stats;
    this.decoder = new Decoder(config.decode(), stats);
    this.defrag = new Defragmenter(config.defrag(), stats, policies);
    this.flows = new FlowTable(config.flow(), stats.flows, flowEnd);
    this.consumer = consumer;
  }

  public PathStats stats() {
    return stats;
  }

  /**
   * Whether this pipeline attaches flows from its own table (default) or leaves that to the threads
   * it routes packets to (the reader of a multi-threaded run mode, whose workers each own a flow
   * table).
   */
  public void setAttachFlows(boolean attach) {
    this.attachFlows = attach;
  }

  /**
   * Capture files' frames that {@code bpf} refuses are counted ({@code capture.bpf_filtered}) and
   * passed over; null: every frame.
   */
  public void setFilter(org.vigil.acquire.bpf.BpfFilter bpf) {
    this.filter = bpf;
  }

  /**
   * Shares the fragments this pipeline's frames carry with other pipelines that read the same
   * frames (the workers of a {@code workers} run over capture files): at each datagram's first
   * fragment {@code o} says whether this thread runs the datagram, and only the one that does keeps
   * its bytes and rebuilds it (see {@link DatagramOwners}). The rebuilt datagrams it runs are
   * counted apart, in {@link #ownStats}.
   */
  public void shareDatagrams(DatagramOwners o) {
    this.owners = o;
    this.ownStats = new PathStats();
    this.ownDecoder = new Decoder(decoder.config(), ownStats);
    this.scratch = new Decoder(decoder.config(), new PathStats());
    defrag.setKeeper(this::decideFirst);
  }

  /**
   * The decode counters of the rebuilt datagrams only this pipeline ran (the others' counters count
   * what every sharing pipeline decodes alike); null when it shares none.
   */
  public PathStats ownStats() {
    return ownStats;
  }

  /** Whether {@code p} is a datagram this pipeline rebuilt as the only one that keeps its bytes. */
  public boolean rebuiltOwned(Packet p) {
    return p == rebuiltOwned;
  }

  /**
   * Whether the datagram being run as {@link #rebuiltOwned} has a flow as the other pipelines count
   * it, from its first fragment and its length (see {@link DatagramOwners#rebuiltElsewhere}).
   */
  public boolean rebuiltHasFlow() {
    return rebuiltHasFlow;
  }

  public Decoder decoder() {
    return decoder;
  }

  public FlowTable flows() {
    return flows;
  }

  public Defragmenter defragmenter() {
    return defrag;
  }

  /** A packet from the pool (reset), for sources and tests. Give it back with {@link #release}. */
  public Packet acquire() {
    Packet p = pool.poll();
    if (p == null) p = new Packet(FRAME_CAPACITY);
    p.reset();
    return p;
  }

  public void release(Packet p) {
    pool.push(p);
  }

  /**
   * Reads the -r argument: one capture file, or every file of a folder in name order, each as its
   * own capture. Unreadable files are counted and reported in the stats, and the next one is read.
   */
  public void run(Path fileOrDir) throws IOException {
    for (Path f : CaptureReader.captures(fileOrDir)) runCapture(f);
  }

  /**
   * Reads one capture to its end, then ends its flows and fragments. False if the file is not a
   * capture.
   */
  public boolean runCapture(Path file) {
    stats.captures++;
    CaptureSource src;
    try {
      src = CaptureReader.open(file, stats);
    } catch (CaptureFormatException e) {
      stats.capturesUnreadable++;
      stats.captureError(e.getMessage());
      return false;
    } catch (IOException e) {
      stats.capturesUnreadable++;
      stats.captureError(file + ": " + e);
      return false;
    }
    try (src) {
      Packet p = acquire();
      try {
        while (true) {
          p.reset();
          if (!src.next(p)) break;
          if (filter != null
              && !filter.matches(p.linkType(), p.data(), p.length(), p.wireLength())) {
            stats.filtered++;
            continue;
          }
          process(p);
        }
      } finally {
        release(p);
      }
    } finally {
      endOfCapture();
    }
    return true;
  }

  /** Ends every flow (reason END_OF_CAPTURE) and forgets pending fragments. */
  public void endOfCapture() {
    flows.flushAll(FlowEndReason.END_OF_CAPTURE);
    defrag.clear();
  }

  /** Processes one captured frame already placed in p (see {@link Packet#setFrame}). */
  public void process(Packet p) {
    stats.packets++;
    stats.bytes += p.length();
    decoder.decode(p);
    handle(p);
  }

  private void handle(Packet p) {
    handle(p, stats, decoder);
  }

  private void handle(Packet p, PathStats stats, Decoder decoder) {
    switch (p.ipVersion()) {
      case 4 -> stats.ipv4++;
      case 6 -> stats.ipv6++;
      default -> stats.other++;
    }
    if (p.hasL4()) {
      switch (p.ipProto()) {
        case Packet.PROTO_TCP -> stats.tcp++;
        case Packet.PROTO_UDP -> stats.udp++;
        case Packet.PROTO_ICMP -> stats.icmpv4++;
        case Packet.PROTO_ICMPV6 -> stats.icmpv6++;
        default -> {}
      }
    }
    Packet reassembled = null;
    int decision = DatagramKeeper.KEEP;
    if (p.isFragment()) {
      Packet r = acquire();
      if (defrag.add(p, r, decoder)) {
        reassembled = r;
      } else {
        release(r);
      }
      decision = defrag.lastDecision();
    } else if (attachFlows) {
      flows.handle(p);
    }
    consumer.accept(p);
    if (reassembled != null) {
      reassembled.markReassemblyOf(p);
      if (decision < 0) {
        ownDecoder.decode(reassembled);
        rebuiltOwned = reassembled;
        rebuiltHasFlow = wantsFlow(~decision);
        handle(reassembled, ownStats, ownDecoder);
        rebuiltOwned = null;
      } else {
        decoder.decode(reassembled);
        handle(reassembled, stats, decoder);
      }
      release(reassembled);
    } else if (decision > 0) {
      owners.rebuiltElsewhere(p, decision & OWNERS_TAG, wantsFlow(decision));
    }
    if (p.isTunnelRoot()) {
      Packet in = acquire();
      in.fillInnerOf(p);
      stats.tunnelPackets++;
      decoder.decode(in);
      handle(in, stats, decoder);
      release(in);
    }
  }

  /**
   * The decision for the datagram of first fragment {@code frag}: {@link DatagramKeeper#KEEP}
   * (every sharing pipeline keeps it) unless it is a flow's TCP, UDP or ICMP datagram that is
   * neither a tunnel nor an ICMP error, else what {@link #owners} say of it. The datagram is
   * decoded as if it ended with this fragment (a UDP length field beyond it taken as the fragment's
   * end): its addresses, ports and VLANs are those the rebuilt datagram's flow has.
   */
  private int decideFirst(Packet frag) {
    Packet s = acquire();
    try {
      Defragmenter.writeFirstAlone(frag, s);
      s.markReassemblyOf(frag);
      scratch.decode(s);
      int l4 = s.l4Offset();
      int ulen = l4 > 0 && s.length() - l4 >= 8 ? Bytes.u16(s.data(), l4 + 4) : 0;
      int past = l4 - (s.length() - frag.ipPayloadLength()); // L4 header's offset in the payload
      boolean cut = s.ipProto() == Packet.PROTO_UDP && !s.hasL4() && ulen > s.length() - l4;
      if (cut) { // the length field reaches past this fragment: decoded as if it ended there
        if (past < 0 || past > MAX_PAST) {
          return DatagramKeeper.KEEP;
        }
        s.reset();
        Defragmenter.writeFirstAlone(frag, s);
        s.markReassemblyOf(frag);
        byte[] b = s.data();
        b[l4 + 4] = (byte) ((s.length() - l4) >>> 8);
        b[l4 + 5] = (byte) (s.length() - l4);
        scratch.decode(s);
      }
      if (!ownable(s)) {
        return DatagramKeeper.KEEP;
      }
      int tag = owners.decide(s);
      if (!cut || tag == DatagramKeeper.KEEP) {
        return tag;
      }
      int length = CUT | ulen << ULEN_SHIFT | past << PAST_SHIFT;
      return tag < 0 ? ~length : tag | length; // ~0 is OWN
    } finally {
      release(s);
    }
  }

  /**
   * Whether the datagram the defragmenter just completed, which {@code decision} (its bits, ~ of a
   * negative one) was made for, has a flow once rebuilt: unless its length overflows its IP
   * header's field, or it is a UDP datagram whose length field reached past its first fragment and
   * past the datagram.
   */
  private boolean wantsFlow(int decision) {
    if (!defrag.lastFits()) {
      return false;
    }
    if ((decision & CUT) == 0) {
      return true;
    }
    int ulen = (decision >>> ULEN_SHIFT) & 0xffff;
    return ulen <= defrag.lastEnd() - (decision >>> PAST_SHIFT);
  }

  // a decision's bits (those of a positive one, of ~ of a negative one): the owners' tag (bits
  // 0-1),
  // whether the UDP length field reached past the first fragment (bit 2), then that length and the
  // UDP header's offset in the datagram's payload (behind IPv6 extension headers)
  private static final int OWNERS_TAG = 3;
  private static final int CUT = 4;
  private static final int ULEN_SHIFT = 3;
  private static final int PAST_SHIFT = 19;
  private static final int MAX_PAST = (1 << (31 - PAST_SHIFT)) - 1;

  private boolean ownable(Packet s) {
    if (!s.hasL4() || s.isTunnelRoot() || s.hasIcmpEmbedded() || !FlowTable.wantsFlow(s)) {
      return false;
    }
    org.vigil.decode.DecodeConfig c = decoder.config();
    return switch (s.ipProto()) {
      case Packet.PROTO_TCP -> true;
      case Packet.PROTO_UDP ->
          s.dstPort() != c.vxlanPort()
              && s.dstPort() != c.genevePort()
              && s.srcPort() != c.teredoPort()
              && s.dstPort() != c.teredoPort();
      case Packet.PROTO_ICMP -> // not an error (destination unreachable, ..., parameter problem)
          switch (s.icmpType()) {
            case 3, 4, 5, 11, 12 -> false;
            default -> true;
          };
      case Packet.PROTO_ICMPV6 -> s.icmpType() >= 128; // below 128: errors
      default -> false;
    };
  }
}
