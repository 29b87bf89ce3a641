package org.vigil.thread;

import java.util.ArrayList;
import java.util.List;
import org.vigil.stream.RawChunk;

/**
 * Suricata's detect/log flush (StreamTcpDetectLogFlush) on the packet being processed: either an
 * app-layer protocol change (an HTTP CONNECT tunnel, until the tunnelled protocol is detected),
 * after which inspection goes on, or a flow whose app layer stopped its inspection (SSH once both sides sent NEWKEYS), as Suricata's
 * APP_LAYER_PARSER_NO_INSPECTION: the raw stream data ACKed by then and not yet inspected is
 * inspected once on flush pseudo packets (no pcap_cnt, the time of the packet that set it), one per
 * direction; from then on no raw stream data and no packet payload of the flow is inspected (header
 * rules still are). While the packet that set it is tracked, the raw chunks its tracking hands out
 * are kept for that flush.
 */
final class InspectionCutoff {
  private final List<RawChunk> toServer = new ArrayList<>(1);
  private final List<RawChunk> toClient = new ArrayList<>(1);
  private boolean flushed;
  private final boolean stopsInspection;

  /** A flush that stops the flow's inspection (true) or only flushes (a protocol change, false). */
  InspectionCutoff(boolean stopsInspection) {
    this.stopsInspection = stopsInspection;
  }

  /** True when nothing raw or of the payloads is inspected after the flush. */
  boolean stopsInspection() {
    return stopsInspection;
  }

  /** True once the flush is done: raw chunks are dropped, packet payloads not inspected. */
  boolean flushed() {
    return flushed;
  }

  /**
   * A raw chunk of the flow was handed out: before the flush it is kept for it, after the flush it is
   * dropped. Returns true (the chunk must not be inspected now).
   */
  boolean takes(RawChunk c) {
    if (!flushed) {
      keep(c);
    }
    return true;
  }

  /** Keeps a copy of a chunk handed out before the flush (its bytes are only valid during the call). */
  private void keep(RawChunk c) {
    byte[] copy = c.bytes();
    (c.toServer() ? toServer : toClient).add(new RawChunk(c.toServer(), c.streamOffset(), copy, 0, copy.length,
        c.newStart(), c.afterGap()));
  }

  /** The chunks of direction {@code toServerDir} kept for the flush. */
  List<RawChunk> kept(boolean toServerDir) {
    return toServerDir ? toServer : toClient;
  }

  /** The flush was done. */
  void markFlushed() {
    flushed = true;
    toServer.clear();
    toClient.clear();
  }
}
