package org.vigil.inspect;

import org.vigil.decode.Packet;
import org.vigil.detect.api.InspectionContext;
import org.vigil.flow.Flow;
import org.vigil.stream.RawBacklog;
import org.vigil.stream.RawChunk;
import org.vigil.stream.RawInspector;
import org.vigil.stream.TcpSession;

/**
 * What an app layer's inspection cutoff ({@link InspectionCutoff}) or protocol change ({@link
 * ProtocolChangeFlush}) does to a flow's raw inspection, for the {@link FlowInspector} of one
 * thread: which raw chunks handed out are inspected now, kept for a flush or dropped, and the
 * flushes themselves, Suricata's detect/log flush on pseudo packets. It also tracks which
 * directions had raw chunks handed out while the current packet was processed.
 */
final class RawDataFlush {
  private final FlowInspector inspector;
  private final InspectionContext ctx;
  private final PassSink sink;

  /** The raw inspection of one chunk, by the inspector. */
  private final RawInspector chunks;

  /** The pseudo packets of the flushes. */
  private final Packet flushPseudo = new Packet(0);

  /** True while the raw data pending at a cutoff or protocol change is inspected. */
  private boolean flushing;

  /**
   * True once a raw chunk of that direction was handed out while the current packet was processed.
   */
  private boolean chunksToServer;

  private boolean chunksToClient;

  RawDataFlush(FlowInspector inspector, InspectionContext ctx, PassSink sink) {
    this.inspector = inspector;
    this.ctx = ctx;
    this.sink = sink;
    this.chunks = inspector::inspectChunk;
  }

  /** A new packet is processed: no raw chunk of it handed out yet. */
  void startPacket() {
    chunksToServer = false;
    chunksToClient = false;
  }

  /**
   * Before a TCP packet of flow {@code fc} is tracked: while a protocol change is pending (an HTTP
   * CONNECT tunnel), the raw data the packet hands out goes to a new flush; true when one started.
   */
  boolean beforeTracking(FlowContext fc) {
    if (fc.protocolChangePending && (fc.protocolChange == null || fc.protocolChange.flushed())) {
      fc.protocolChange = new ProtocolChangeFlush();
      return true;
    }
    return false;
  }

  /**
   * After TCP packet {@code p} of flow {@code f} was tracked by session {@code s} ({@code
   * packetToServer}: its direction as the session sees it; {@code pendingFlush}: what {@link
   * #beforeTracking} returned): runs the flushes a protocol change or cutoff asks for. True when
   * the packet, though after a no-payload cutoff, flushes its pending direction: as Suricata, that
   * direction's stream has data, so the packet is inspected with its payload by the rules without a
   * payload fast pattern.
   */
  boolean afterTracking(
      Flow f,
      FlowContext fc,
      Packet p,
      TcpSession s,
      boolean packetToServer,
      boolean pendingFlush) {
    if (fc.protocolChange != null && !fc.protocolChange.flushed()) {
      if (pendingFlush && !fc.protocolChangePending) {
        inspectKeptChunks(fc); // the new protocol was detected on this packet: no flush
      } else {
        flushOnPseudoPackets(f, fc, p, packetToServer, false);
      }
    }
    if (fc.cutoff != null && !fc.cutoff.flushed()) {
      if (fc.cutoff.flushesOnPseudoPackets()) {
        flushOnPseudoPackets(f, fc, p, packetToServer, true);
      } else {
        fc.cutoff.markFlushedAfter(packetToServer, hadStreamData(s, p, packetToServer));
      }
    } else if (fc.cutoff != null
        && fc.cutoff.pending(packetToServer)
        && hadStreamData(s, p, packetToServer)) {
      fc.cutoff.packetDone(packetToServer);
      sink.needFastPatterns();
      return true;
    }
    return false;
  }

  /**
   * A raw chunk of flow {@code fc} (null: none) was handed out: the chunk to inspect now, or null
   * when a protocol change or cutoff keeps it for a flush or drops it.
   */
  RawChunk admit(FlowContext fc, RawChunk chunk) {
    if (fc != null && fc.protocolChange != null && !flushing) {
      chunk = fc.protocolChange.admit(chunk);
      if (chunk == null) {
        return null;
      }
    }
    if (fc != null && fc.cutoff != null && !flushing && fc.cutoff.takes(chunk)) {
      return null;
    }
    return chunk;
  }

  /**
   * True when admitted chunk {@code chunk} of flow {@code fc} is inspected only by the rules
   * without a payload fast pattern (a direction still pending after a no-payload cutoff); records
   * that its direction had a chunk.
   */
  boolean restricts(FlowContext fc, RawChunk chunk) {
    boolean restricted = fc != null && fc.cutoff != null && !flushing && fc.cutoff.restricts(chunk);
    if (restricted) {
      sink.needFastPatterns();
    }
    if (chunk.toServer()) {
      chunksToServer = true;
    } else {
      chunksToClient = true;
    }
    return restricted;
  }

  /**
   * As Suricata's PKT_DETECT_HAS_STREAMDATA: packet {@code p}'s direction {@code toServer} of
   * session {@code s} had stream data not raw-inspected before it (its own payload, chunks handed
   * out while it was tracked, or stored data beyond the raw progress, ACKed or not).
   */
  private boolean hadStreamData(TcpSession s, Packet p, boolean toServer) {
    return p.payloadLength() > 0
        || (toServer ? chunksToServer : chunksToClient)
        || s.sequenceBytes(toServer) - 1 > s.rawProgress(toServer);
  }

  /**
   * Suricata's detect/log flush when an app layer sets no-inspection or changes protocol: one
   * pseudo packet per direction (the packet's opposite direction first; no pcap_cnt, the packet's
   * time) inspects the raw data of that direction ACKed but not inspected yet (the chunks held back
   * while the packet was tracked, then the session's backlog). After a no-inspection cutoff ({@code
   * cutoff}) nothing raw of the flow is inspected; after a protocol change inspection goes on after
   * the flushed data.
   */
  private void flushOnPseudoPackets(
      Flow f, FlowContext fc, Packet p, boolean packetToServer, boolean cutoff) {
    Packet saved = inspector.current();
    flushing = true;
    try {
      flushDirection(f, fc, p, !packetToServer, cutoff);
      flushDirection(f, fc, p, packetToServer, cutoff);
    } finally {
      flushing = false;
      inspector.attributeTo(saved);
      if (cutoff) {
        fc.cutoff.markFlushed();
      } else {
        fc.protocolChange.markFlushed();
      }
      sink.clearDedup();
    }
  }

  private void flushDirection(Flow f, FlowContext fc, Packet p, boolean dir, boolean cutoff) {
    flushPseudo.reset();
    flushPseudo.initPseudo(f, dir, p.timestampNanos(), p.captureName());
    inspector.attributeTo(flushPseudo);
    sink.clearDedup();
    PacketContextFiller.fillHeader(ctx, flushPseudo, fc.flowbits, true);
    PacketContextFiller.fillStreamSizes(ctx, fc.tcp);
    for (RawChunk c : cutoff ? fc.cutoff.kept(dir) : fc.protocolChange.kept(dir)) {
      inspector.inspectChunk(c);
    }
    RawBacklog.inspect(fc.tcp, dir, chunks);
  }

  /**
   * A protocol change's flush that is not needed after all: the chunks it kept are inspected on the
   * packet.
   */
  private void inspectKeptChunks(FlowContext fc) {
    ProtocolChangeFlush c = fc.protocolChange;
    fc.protocolChange = null;
    for (RawChunk k : c.kept(true)) {
      inspector.inspectChunk(k);
    }
    for (RawChunk k : c.kept(false)) {
      inspector.inspectChunk(k);
    }
  }
}
