package org.vigil.inspect;

import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.stream.RawChunk;
import org.vigil.stream.SegmentResult;

/**
 * The raw stream data a {@link FlowInspector} inspects, as the payload of the packet it processes
 * (or of a pseudo packet): each chunk the reassembly hands out, oriented in its direction, and,
 * inline, the window of unACKed data ending with the current segment. What it inspected is also
 * handed to the transactions' stream rules ({@link TxStreamEngine}).
 */
final class RawStreamInspection {
  private final FlowInspector inspector;
  private final InspectionContext ctx;
  private final RawDataFlush flush;
  private final PassSink sink;
  private final TxStreamEngine txStream;

  RawStreamInspection(
      FlowInspector inspector,
      InspectionContext ctx,
      RawDataFlush flush,
      PassSink sink,
      TxStreamEngine txStream) {
    this.inspector = inspector;
    this.ctx = ctx;
    this.flush = flush;
    this.sink = sink;
    this.txStream = txStream;
  }

  /** Raw stream inspection of one chunk, attributed to the current (or a pseudo) packet. */
  void chunk(RawChunk chunk) {
    FlowContext cut = inspector.currentFlow();
    chunk = flush.admit(cut, chunk);
    if (chunk == null) {
      return;
    }
    boolean restricted = flush.restricts(cut, chunk);
    int savedFlags = ctx.flowFlags;
    ctx.clearBuffers();
    boolean other = Endpoints.orient(ctx, chunk.toServer());
    int savedDsize = ctx.dsize;
    int savedPacketLen = ctx.packetLen;
    if (other) {
      ctx.packetLen = 0; // the packet of the other direction: none of its payload is this chunk's
    }
    ctx.dsize = -1;
    ctx.setBuffer(Buffers.PAYLOAD, chunk.buf(), chunk.off(), chunk.len());
    ctx.streamChunk = true;
    inspector.inspect(
        inspector.current(),
        sink.streamPass(other, restricted, chunk.afterGap() ? 0 : chunk.newStart()),
        cut == null ? null : cut.rawChunk(chunk));
    txStream.chunkInspected(
        inspector.currentFlow(), chunk.toServer(), chunk.buf(), chunk.off(), chunk.len());
    ctx.streamChunk = false;
    ctx.clearBuffers();
    if (other) {
      Endpoints.swap(ctx);
    }
    ctx.flowFlags = savedFlags;
    ctx.dsize = savedDsize;
    ctx.packetLen = savedPacketLen;
  }

  /**
   * Inline mode: inspects the window of unACKed stream data ending with the current segment as
   * stream data of the packet, so a pattern split over segments is seen on the segment that
   * completes it, before that segment is delivered. Matches lying wholly in the window's part
   * already scanned on an earlier segment are not reported again.
   */
  void inlineWindow(SegmentResult r) {
    FlowContext fc = inspector.currentFlow();
    PacketContextFiller.fillHeader(ctx, inspector.current(), fc.flowbits, fc.tcp.established());
    int savedDsize = ctx.dsize;
    ctx.clearBuffers();
    ctx.dsize = -1;
    ctx.setBuffer(Buffers.PAYLOAD, r.windowBuf(), r.windowOff(), r.windowLen());
    ctx.streamChunk = true;
    inspector.inspect(inspector.current(), sink.streamPass(false, false, r.windowNewStart()), null);
    txStream.chunkInspected(
        fc,
        (ctx.flowFlags & InspectionContext.FLOW_TO_SERVER) != 0,
        r.windowBuf(),
        r.windowOff(),
        r.windowLen());
    ctx.streamChunk = false;
    ctx.clearBuffers();
    ctx.dsize = savedDsize;
  }
}
