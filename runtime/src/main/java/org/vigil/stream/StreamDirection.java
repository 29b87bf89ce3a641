package org.vigil.stream;

import org.vigil.stream.policy.OverlapPolicy;

/**
 * One direction of a connection: the reassembly store plus the separate progress marks of the app layer and of
 * raw inspection, and the delivery of in-order data, gaps and the end to consumers.
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

    StreamDirection(boolean toServer, OverlapPolicy policy, boolean normalize, StreamMemory memory, long depth) {
        this.toServer = toServer;
        this.buffer = new StreamBuffer(policy, normalize, memory, depth);
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

    /** Produces raw chunks of data up to {@code limit}, each repeating up to {@code reach} earlier bytes. */
    void deliverRaw(long limit, RawInspector insp, int chunkSize, int reach, StreamCounters counters) {
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
                insp.inspect(new RawChunk(toServer, from, buffer.array(), buffer.index(from), (int) (end - from),
                        (int) (rawProgress - from), rawAfterGap));
                counters.rawChunk();
            }
            rawAfterGap = false;
            rawProgress = end;
        }
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
}
