package org.vigil.inspect;

import java.util.ArrayList;
import java.util.List;
import org.vigil.stream.RawChunk;

/**
 * A flow whose app-layer protocol changed (FTP's AUTH TLS answered by 234, an HTTP CONNECT tunnel),
 * as Suricata's StreamTcpDetectLogFlush at a protocol change: the raw stream data ACKed by the end
 * of the packet that made the change and not yet inspected is inspected at once on two flush pseudo
 * packets (no pcap_cnt, that packet's time), one per direction; inspection then goes on as before.
 * While the packet is tracked, the raw chunks its tracking hands out are kept for the flush; the
 * flush moves the session's raw marks past what it inspected, so nothing is inspected twice.
 */
final class ProtocolChangeFlush {
  private final List<RawChunk> toServer = new ArrayList<>(1);
  private final List<RawChunk> toClient = new ArrayList<>(1);
  private boolean flushed;

  /** True once the flush is done. */
  boolean flushed() {
    return flushed;
  }

  /**
   * A raw chunk handed out: before the flush it is kept for it (null: not inspected now); after it,
   * the chunk itself.
   */
  RawChunk admit(RawChunk c) {
    if (flushed) {
      return c;
    }
    byte[] copy = c.bytes();
    (c.toServer() ? toServer : toClient)
        .add(
            new RawChunk(
                c.toServer(), c.streamOffset(), copy, 0, copy.length, c.newStart(), c.afterGap()));
    return null;
  }

  /** The chunks of direction {@code toServerDir} kept for the flush. */
  List<RawChunk> kept(boolean toServerDir) {
    return toServerDir ? toServer : toClient;
  }

  /** The flush of both directions was done. */
  void markFlushed() {
    flushed = true;
    toServer.clear();
    toClient.clear();
  }
}
