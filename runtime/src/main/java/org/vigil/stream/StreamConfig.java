package org.vigil.stream;

import java.util.function.IntUnaryOperator;

/**
 * Stream engine settings.
 *
 * @param mode IDS or inline
 * @param midstream pick up sessions whose SYN was not seen (default false: such sessions are not
 *     tracked)
 * @param depth bytes reassembled per direction (0: unlimited; default 1 MiB)
 * @param memcap bytes of reassembly buffers for all sessions of the engine ({@code
 *     stream.reassembly.memcap}; 0: unlimited)
 * @param rawChunkSize most new bytes in one raw chunk (IDS)
 * @param rawReach bytes of the previous chunk repeated at the start of the next one: the longest
 *     pattern reach minus one, so a match crossing a chunk boundary is whole in the next chunk
 * @param rawMinChunk IDS, Suricata's raw timing when > 0 (its toserver/toclient-chunk-size): a
 *     direction's ACKed data is inspected raw, whole and without repeated bytes, on a later packet
 *     sent in that direction once this many bytes wait, or the app layer asked for it (a complete
 *     HTTP request or response), or the depth was reached, or the session ends; 0 inspects raw
 *     chunks of {@code rawChunkSize} with {@code rawReach} repeated bytes as soon as data is ACKed
 * @param inlineWindowForPort inline mode: bytes of already seen in-order data kept before the new
 *     data in the window, per destination (server) port (computed from the compiled rules)
 * @param ttlDelta TTL decoy guard ({@code stream.ttl-delta}): a segment whose IP TTL / hop limit is
 *     more than this below the first one its sender used on the flow is a decoy that cannot reach
 *     the receiver; it is neither tracked nor reassembled (and dropped inline). 0 disables the
 *     guard
 */
public record StreamConfig(
    StreamMode mode,
    boolean midstream,
    long depth,
    long memcap,
    int rawChunkSize,
    int rawReach,
    int rawMinChunk,
    IntUnaryOperator inlineWindowForPort,
    int ttlDelta) {
  /** Default {@code stream.reassembly.memcap}: 256 MiB, as Suricata 7's suricata.yaml. */
  public static final long DEFAULT_REASSEMBLY_MEMCAP = 256L << 20;

  /** Default depth: 1 MiB per direction, as Suricata. */
  public static final long DEFAULT_DEPTH = 1L << 20;

  public StreamConfig {
    if (mode == null) {
      throw new IllegalArgumentException("stream.mode must be set");
    }
    if (depth < 0) {
      throw new IllegalArgumentException("stream.reassembly.depth must be >= 0, got " + depth);
    }
    if (rawChunkSize <= 0) {
      throw new IllegalArgumentException(
          "stream.reassembly.chunk-size must be > 0, got " + rawChunkSize);
    }
    if (rawMinChunk < 0) {
      throw new IllegalArgumentException(
          "stream.reassembly.toserver-chunk-size must be >= 0, got " + rawMinChunk);
    }
    if (rawReach < 0) {
      throw new IllegalArgumentException("stream raw reach must be >= 0, got " + rawReach);
    }
    if (ttlDelta < 0 || ttlDelta > 255) {
      throw new IllegalArgumentException("stream.ttl-delta must be within 0..255, got " + ttlDelta);
    }
    if (inlineWindowForPort == null) {
      inlineWindowForPort = port -> 0;
    }
  }

  /** Default TTL decoy guard: a TTL more than 5 below the sender's first one on the flow. */
  public static final int DEFAULT_TTL_DELTA = 5;

  /**
   * Suricata's default raw inspection chunk size (stream.reassembly.toserver/toclient-chunk-size).
   */
  public static final int SURICATA_CHUNK_SIZE = 2560;

  /**
   * IDS defaults: no midstream, 1 MiB depth, 256 MiB reassembly memcap, Suricata's raw timing with
   * 2560-byte chunks.
   */
  public static StreamConfig ids() {
    return new StreamConfig(
        StreamMode.IDS,
        false,
        DEFAULT_DEPTH,
        DEFAULT_REASSEMBLY_MEMCAP,
        32 * 1024,
        255,
        SURICATA_CHUNK_SIZE,
        p -> 0,
        DEFAULT_TTL_DELTA);
  }

  /** Inline defaults with the given per-port window function. */
  public static StreamConfig inline(IntUnaryOperator windowForPort) {
    return new StreamConfig(
        StreamMode.INLINE,
        false,
        DEFAULT_DEPTH,
        DEFAULT_REASSEMBLY_MEMCAP,
        32 * 1024,
        255,
        0,
        windowForPort,
        DEFAULT_TTL_DELTA);
  }

  /** A copy with midstream pickup set. */
  public StreamConfig withMidstream(boolean on) {
    return new StreamConfig(
        mode,
        on,
        depth,
        memcap,
        rawChunkSize,
        rawReach,
        rawMinChunk,
        inlineWindowForPort,
        ttlDelta);
  }

  /** A copy with another depth. */
  public StreamConfig withDepth(long bytes) {
    return new StreamConfig(
        mode,
        midstream,
        bytes,
        memcap,
        rawChunkSize,
        rawReach,
        rawMinChunk,
        inlineWindowForPort,
        ttlDelta);
  }

  /** A copy with another memory cap. */
  public StreamConfig withMemcap(long bytes) {
    return new StreamConfig(
        mode,
        midstream,
        depth,
        bytes,
        rawChunkSize,
        rawReach,
        rawMinChunk,
        inlineWindowForPort,
        ttlDelta);
  }

  /**
   * A copy inspecting raw chunks of {@code chunkSize} with {@code reach} repeated bytes on every
   * ACK (no Suricata timing).
   */
  public StreamConfig withRawChunks(int chunkSize, int reach) {
    return new StreamConfig(
        mode, midstream, depth, memcap, chunkSize, reach, 0, inlineWindowForPort, ttlDelta);
  }

  /** A copy with another TTL decoy delta (0 disables the guard). */
  public StreamConfig withTtlDelta(int delta) {
    return new StreamConfig(
        mode,
        midstream,
        depth,
        memcap,
        rawChunkSize,
        rawReach,
        rawMinChunk,
        inlineWindowForPort,
        delta);
  }
}
