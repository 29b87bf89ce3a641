package org.vigil.stream;

import org.vigil.stream.policy.OverlapPolicy;

/**
 * One direction of a connection: the reassembly store plus the separate progress marks of the app
 * layer and of raw inspection, and the delivery of in-order data, gaps and the end to consumers.
 */
final class StreamDirection {
  final boolean toServer;
  final StreamBuffer buffer;
  long appProgress;
  long rawProgress;
  long finOffset = -1;
  boolean closeDelivered;
  boolean depthReported;
  private boolean rawAfterGap;

  /** Suricata raw timing: end of the in-order ACKed data raw inspection may read. */
  private long rawLimit;

  /** Suricata raw timing: the app layer asked for raw inspection of what is ACKed. */
  boolean rawTrigger;

  /**
   * Changes whenever a byte stored earlier may read differently: overlapping data differed, held
   * data was dropped, the store was freed or made anew (see {@link TcpSession#dataStamp}).
   */
  long stamp;

  StreamDirection(
      boolean toServer, OverlapPolicy policy, boolean normalize, StreamMemory memory, long depth) {
    this.toServer = toServer;
    this.buffer = new StreamBuffer(policy, normalize, memory, depth);
  }

  /**
   * This direction, freed by its last session, made new again for another session's stream in the
   * same direction (every field, the store's included).
   */
  StreamDirection reopen(OverlapPolicy policy, boolean normalize, long depth) {
    buffer.reopen(policy, normalize, depth);
    stamp++;
    appProgress = 0;
    rawProgress = 0;
    finOffset = -1;
    closeDelivered = false;
    depthReported = false;
    rawAfterGap = false;
    rawLimit = 0;
    rawTrigger = false;
    return this;
  }

  /** Hands in-order data and gaps up to {@code limit} to the consumer; returns bytes delivered. */
  long deliverApp(long limit, StreamConsumer c) {
    limit = Math.min(limit, buffer.contig());
    long delivered = 0;
    while (appProgress < limit) {
      int g = buffer.gapAfter(appProgress);
      if (g >= 0 && buffer.gapStart(g) <= appProgress) {
        long end = buffer.gapEnd(g);
        if (c != null) {
          c.onGap(toServer, end - appProgress);
        }
        appProgress = end;
        continue;
      }
      long end = limit;
      if (g >= 0 && buffer.gapStart(g) < end) {
        end = buffer.gapStart(g);
      }
      if (c != null) {
        c.onData(toServer, buffer.array(), buffer.index(appProgress), (int) (end - appProgress));
      }
      delivered += end - appProgress;
      appProgress = end;
    }
    return delivered;
  }

  /**
   * Produces raw chunks of data up to {@code limit}, each repeating up to {@code reach} earlier
   * bytes.
   */
  void deliverRaw(
      long limit, RawInspector insp, int chunkSize, int reach, StreamCounters counters) {
    limit = Math.min(limit, buffer.contig());
    while (rawProgress < limit) {
      int g = buffer.gapAfter(rawProgress);
      if (g >= 0 && buffer.gapStart(g) <= rawProgress) {
        rawProgress = buffer.gapEnd(g);
        rawAfterGap = true;
        continue;
      }
      long end = Math.min(limit, rawProgress + chunkSize);
      if (g >= 0 && buffer.gapStart(g) < end) {
        end = buffer.gapStart(g);
      }
      if (insp != null) {
        long from = Math.max(buffer.runStart(rawProgress), rawProgress - reach);
        insp.inspect(
            new RawChunk(
                toServer,
                from,
                buffer.array(),
                buffer.index(from),
                (int) (end - from),
                (int) (rawProgress - from),
                rawAfterGap));
        counters.rawChunk();
      }
      rawAfterGap = false;
      rawProgress = end;
    }
  }

  /**
   * Suricata's IDS raw timing, on a packet sent in this direction: the ACKed data not yet inspected
   * is handed to raw inspection whole (one chunk per run between gaps, nothing repeated) once
   * {@code minChunk} bytes wait, the app layer triggered it, or the depth was reached.
   */
  void deliverRawWhenReady(RawInspector insp, int minChunk, StreamCounters counters) {
    long limit = Math.min(rawLimit, buffer.contig());
    long waiting = limit - rawProgress;
    if (waiting <= 0 || (!rawTrigger && waiting < minChunk && !depthReported)) {
      return;
    }
    rawTrigger = false;
    deliverRaw(limit, insp, Integer.MAX_VALUE, 0, counters);
  }

  /**
   * Suricata raw timing: the data up to {@code limit} is owed to raw inspection on this direction's
   * next packet.
   */
  void holdRawUntil(long limit) {
    rawLimit = Math.max(rawLimit, limit);
  }

  /** Delivers the end of the direction once. */
  void deliverClose(StreamConsumer c) {
    if (!closeDelivered) {
      closeDelivered = true;
      if (c != null) {
        c.onClose(toServer);
      }
    }
  }

  /**
   * Moves the app and raw marks as far as the mode allows given the receiver's ACK ({@code
   * ackOff}), skipping holes the ACK proves lost (those below data already stored), delivers the
   * end when reached, and releases consumed bytes. Returns true if a gap was skipped.
   */
  boolean advance(
      long ackOff,
      StreamConfig config,
      int inlineKeep,
      StreamConsumer consumer,
      RawInspector insp,
      StreamCounters counters) {
    StreamBuffer b = buffer;
    long dataAck = finOffset >= 0 ? Math.min(ackOff, finOffset) : ackOff;
    // as Suricata (CheckGap, raw GAP): a hole is a gap only below data already seen; an ACK beyond
    // all the data
    // (ACK of unseen data, e.g. a TSO capture) waits for the segment rather than skipping it
    boolean gap = dataAck > b.contig() && skipGapsTo(Math.min(dataAck, b.maxEnd())) > 0;
    boolean inline = config.mode() == StreamMode.INLINE;
    long limit = inline ? b.contig() : Math.min(b.contig(), dataAck);
    counters.deliveredApp(deliverApp(limit, consumer));
    if (inline) {
      rawProgress = Math.max(rawProgress, b.contig());
    } else if (config.rawMinChunk() > 0) {
      rawLimit = Math.max(rawLimit, limit); // inspected later, on a packet of this direction
    } else {
      deliverRaw(limit, insp, config.rawChunkSize(), config.rawReach(), counters);
    }
    if (finOffset >= 0 && appProgress >= finOffset && (inline || ackOff > finOffset)) {
      deliverClose(consumer);
    }
    long floor =
        inline
            ? Math.min(Math.min(appProgress, b.contig() - inlineKeep), ackOff)
            : Math.min(appProgress, rawProgress - config.rawReach());
    b.release(floor);
    if (b.depth() > 0 && appProgress >= b.depth() && rawProgress >= b.depth()) {
      free(); // depth reached and consumed: nothing more will be reassembled in this direction
    }
    return gap;
  }

  /**
   * The store skips the holes below {@code limit} as gaps (see {@link StreamBuffer#skipGapsTo});
   * held data it drops for want of room changes the stamp.
   */
  long skipGapsTo(long limit) {
    long end = buffer.maxEnd();
    long skipped = buffer.skipGapsTo(limit);
    if (buffer.maxEnd() < end) {
      stamp++;
    }
    return skipped;
  }

  /** Frees the store's memory (see {@link StreamBuffer#free}); the stamp changes. */
  void free() {
    buffer.free();
    stamp++;
  }

  /**
   * Inline: sets in {@code r} the window of in-order data ending with the segment [s, e) that
   * brought new bytes: the bytes that became in-order with it (or the segment itself when it fills
   * part of what is already in order or lies beyond a hole), preceded by up to {@code lookBehind}
   * earlier bytes.
   */
  void fillWindow(SegmentResult r, long contigBefore, long s, long e, int lookBehind) {
    StreamBuffer b = buffer;
    long contig = b.contig();
    long newFrom;
    long end;
    if (contig > contigBefore) {
      newFrom = contigBefore;
      end = contig;
    } else if (e <= contig) {
      newFrom = Math.max(s, b.released());
      end = e;
    } else {
      newFrom = Math.max(s, b.released());
      end = Math.min(e, b.maxEnd());
      lookBehind = 0; // data ahead of a hole: nothing contiguous before it
    }
    if (end <= newFrom || newFrom < b.base()) {
      return;
    }
    long from = Math.max(b.runStart(newFrom), newFrom - lookBehind);
    r.windowBuf = b.array();
    r.windowOff = b.index(from);
    r.windowLen = (int) (end - from);
    r.windowNewStart = (int) (newFrom - from);
    r.windowStreamOffset = from;
  }
}
