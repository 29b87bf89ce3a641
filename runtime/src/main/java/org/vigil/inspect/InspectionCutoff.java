package org.vigil.inspect;

import java.util.ArrayList;
import java.util.List;
import org.vigil.stream.RawChunk;

/**
 * A flow whose app layer stopped its inspection. {@link #noInspection()} (SSH once both sides sent
 * NEWKEYS), as Suricata's APP_LAYER_PARSER_NO_INSPECTION: the raw stream data ACKed by then and not
 * yet inspected is inspected once on flush pseudo packets (no pcap_cnt, the time of the packet that
 * set it), one per direction; while the packet that set it is tracked, the raw chunks its tracking
 * hands out are kept for that flush. {@link #noPayloadInspection()} (TLS once an ApplicationData
 * record is seen), as Suricata's APP_LAYER_PARSER_NO_INSPECTION_PAYLOAD: no pseudo packets; the
 * packet that set it is inspected as usual, its own direction's ACKed raw data included (the app
 * layer triggers it). In both, from then on no raw stream data and no packet payload of the flow is
 * inspected (header rules still are).
 */
final class InspectionCutoff {
  /** True for the SSH kind: the pending raw data is inspected on flush pseudo packets. */
  private final boolean flushOnPseudoPackets;

  private final List<RawChunk> toServer = new ArrayList<>(1);
  private final List<RawChunk> toClient = new ArrayList<>(1);
  private boolean flushed;

  /**
   * No-payload kind: per direction, its raw data is still pending (no packet of it had stream data
   * yet).
   */
  private boolean pendingToServer;

  private boolean pendingToClient;

  private InspectionCutoff(boolean flushOnPseudoPackets) {
    this.flushOnPseudoPackets = flushOnPseudoPackets;
  }

  /**
   * Suricata's APP_LAYER_PARSER_NO_INSPECTION (SSH): flush pseudo packets, then nothing of the
   * payload.
   */
  static InspectionCutoff noInspection() {
    return new InspectionCutoff(true);
  }

  /**
   * Suricata's APP_LAYER_PARSER_NO_INSPECTION_PAYLOAD (TLS): the packet that sets it is inspected
   * as usual.
   */
  static InspectionCutoff noPayloadInspection() {
    return new InspectionCutoff(false);
  }

  /** True when the raw data pending at the cutoff is inspected on flush pseudo packets. */
  boolean flushesOnPseudoPackets() {
    return flushOnPseudoPackets;
  }

  /** True once the flush is done: raw chunks are dropped, packet payloads not inspected. */
  boolean flushed() {
    return flushed;
  }

  /**
   * A raw chunk of the flow was handed out: after the flush it is dropped, except those of the
   * direction still pending after a no-payload cutoff ({@link #restricts}); before it, it is kept
   * for the flush pseudo packets, or inspected now (false) when there are none.
   */
  boolean takes(RawChunk c) {
    if (!flushed) {
      if (!flushOnPseudoPackets) {
        return false;
      }
      keep(c);
      return true;
    }
    return !restricts(c);
  }

  /**
   * True for a chunk of a direction still pending after a no-payload cutoff ({@link #pending}):
   * Suricata inspects it (a stream's raw inspection is disabled only once a packet of its direction
   * had stream data to inspect) but, the packet carrying no-payload inspection, only with the rules
   * that have no payload fast pattern.
   */
  boolean restricts(RawChunk c) {
    return pending(c.toServer());
  }

  /**
   * The no-payload cutoff was set on a packet sent in direction {@code packetToServer}, inspected
   * as usual; {@code hadStreamData}: that direction had stream data on it (its raw inspection ends
   * there). Each other direction stays pending until a packet of it has stream data.
   */
  void markFlushedAfter(boolean packetToServer, boolean hadStreamData) {
    markFlushed();
    pendingToServer = !packetToServer || !hadStreamData;
    pendingToClient = packetToServer || !hadStreamData;
  }

  /** True while direction {@code toServerDir}'s raw data is pending after a no-payload cutoff. */
  boolean pending(boolean toServerDir) {
    return flushed && !flushOnPseudoPackets && (toServerDir ? pendingToServer : pendingToClient);
  }

  /**
   * A packet of direction {@code packetToServer} after the cutoff's had stream data: that direction
   * is done.
   */
  void packetDone(boolean packetToServer) {
    if (packetToServer) {
      pendingToServer = false;
    } else {
      pendingToClient = false;
    }
  }

  /**
   * Keeps a copy of a chunk handed out before the flush (its bytes are only valid during the call).
   */
  private void keep(RawChunk c) {
    byte[] copy = c.bytes();
    (c.toServer() ? toServer : toClient)
        .add(
            new RawChunk(
                c.toServer(), c.streamOffset(), copy, 0, copy.length, c.newStart(), c.afterGap()));
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
