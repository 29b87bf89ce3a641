package org.vigil.thread;

import java.util.ArrayList;
import java.util.List;
import org.vigil.stream.RawChunk;

/**
 * A flow whose app-layer protocol changed (FTP's AUTH TLS answered by 234), as Suricata's
 * StreamTcpDetectLogFlush at a protocol change: the raw stream data ACKed by the end of the packet
 * that made the change and not yet inspected is inspected at once on two flush pseudo packets (no
 * pcap_cnt, that packet's time), one per direction; inspection then goes on as before, the raw data
 * of later packets starting where the flush ended. While the packet is tracked, the raw chunks its
 * tracking hands out are kept for the flush; after it, a chunk repeating flushed bytes has them
 * counted as already inspected.
 */
final class ProtocolChangeFlush {
  private final List<RawChunk> toServer = new ArrayList<>(1);
  private final List<RawChunk> toClient = new ArrayList<>(1);
  /** Per direction (client to server first): the stream offset the flush inspected up to. */
  private final long[] flushedEnd = {0, 0};
  private boolean flushed;

  /** True once the flush is done. */
  boolean flushed() {
    return flushed;
  }

  /**
   * A raw chunk handed out: before the flush it is kept for it (null: not inspected now); after it,
   * the chunk to inspect, its flushed head counted as already inspected, or null when it holds only
   * flushed bytes.
   */
  RawChunk admit(RawChunk c) {
    if (!flushed) {
      byte[] copy = c.bytes();
      (c.toServer() ? toServer : toClient).add(new RawChunk(c.toServer(), c.streamOffset(), copy, 0, copy.length,
          c.newStart(), c.afterGap()));
      return null;
    }
    long end = flushedEnd[c.toServer() ? 0 : 1];
    if (c.streamOffset() >= end) {
      return c;
    }
    if (c.streamOffset() + c.len() <= end) {
      return null;
    }
    int old = (int) (end - c.streamOffset());
    return new RawChunk(c.toServer(), c.streamOffset(), c.buf(), c.off(), c.len(), Math.max(c.newStart(), old),
        false);
  }

  /** The chunks of direction {@code toServerDir} kept for the flush. */
  List<RawChunk> kept(boolean toServerDir) {
    return toServerDir ? toServer : toClient;
  }

  /** The flush was done; it inspected direction {@code toServerDir} up to stream offset {@code end}. */
  void flushedTo(boolean toServerDir, long end) {
    int d = toServerDir ? 0 : 1;
    flushedEnd[d] = Math.max(flushedEnd[d], end);
  }

  /** The flush of both directions was done. */
  void markFlushed() {
    for (RawChunk c : toServer) {
      flushedTo(true, c.streamOffset() + c.len());
    }
    for (RawChunk c : toClient) {
      flushedTo(false, c.streamOffset() + c.len());
    }
    flushed = true;
    toServer.clear();
    toClient.clear();
  }
}
