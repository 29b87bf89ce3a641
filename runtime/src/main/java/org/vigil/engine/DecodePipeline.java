package org.vigil.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import org.vigil.acquire.CaptureFormatException;
import org.vigil.acquire.CaptureReader;
import org.vigil.acquire.CaptureSource;
import org.vigil.decode.Decoder;
import org.vigil.decode.Packet;
import org.vigil.decode.PacketConsumer;
import org.vigil.decode.PathStats;
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
    if (p.isFragment()) {
      Packet r = acquire();
      if (defrag.add(p, r, decoder)) {
        reassembled = r;
      } else {
        release(r);
      }
    } else if (attachFlows) {
      flows.handle(p);
    }
    consumer.accept(p);
    if (reassembled != null) {
      reassembled.markReassemblyOf(p);
      decoder.decode(reassembled);
      handle(reassembled);
      release(reassembled);
    }
    if (p.isTunnelRoot()) {
      Packet in = acquire();
      in.fillInnerOf(p);
      stats.tunnelPackets++;
      decoder.decode(in);
      handle(in);
      release(in);
    }
  }
}
