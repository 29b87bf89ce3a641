package org.vigil.stream;

import org.vigil.stream.policy.PolicyResolver;

/**
 * Creates TCP sessions for one flow thread: holds the configuration, the per-host policy resolver,
 * the memory cap and the counters that its sessions share.
 */
public final class StreamEngine {
  /**
   * Bytes of session state accounted per TCP session against {@code stream.memcap}: the session,
   * its connection and sides, and both directions with their empty stores, 776 bytes on the heap
   * once the handshake opened the streams (StreamEngineTest measures them), rounded up; a session
   * that never gets past its SYN holds less, no streams (stored data counts against {@code
   * stream.reassembly.memcap}, the segment indexes' growth is not counted).
   */
  public static final int SESSION_BYTES = 832;

  private final StreamConfig config;
  private final PolicyResolver resolver;
  private final StreamMemory memory;
  private final StreamMemory sessions;
  private final StreamCounters counters = new StreamCounters();

  /**
   * Closed sessions kept for the next flows, so a flood of short flows reuses a few session objects
   * instead of leaving one to the garbage collector per flow; at most {@link #SPARE_SESSIONS}, not
   * counted against {@code stream.memcap} (the memory of their streams is given back on close).
   */
  private final java.util.ArrayDeque<TcpSession> spare = new java.util.ArrayDeque<>();

  /** Closed sessions kept for reuse at most, per engine (as Suricata's prealloc-sessions). */
  static final int SPARE_SESSIONS = 2048;

  /**
   * An engine with its own budgets: {@code config.memcap()} bytes of stream data, unlimited session
   * state.
   */
  public StreamEngine(StreamConfig config, PolicyResolver resolver) {
    this(config, resolver, new StreamMemory(config.memcap()));
  }

  /** An engine sharing a stream data budget with others, unlimited session state. */
  public StreamEngine(StreamConfig config, PolicyResolver resolver, StreamMemory memory) {
    this(config, resolver, memory, new StreamMemory(0));
  }

  /**
   * An engine sharing its budgets with others (one per flow thread, one cap overall): {@code
   * memory} for stream data ({@code stream.reassembly.memcap}), {@code sessions} for session state
   * ({@code stream.memcap}).
   */
  public StreamEngine(
      StreamConfig config, PolicyResolver resolver, StreamMemory memory, StreamMemory sessions) {
    this.config = config;
    this.resolver = resolver;
    this.memory = memory;
    this.sessions = sessions;
  }

  /**
   * A session for a new flow, or null when {@code stream.memcap} has no room for it (counted as
   * tcp.ssn_memcap_drop: the flow is not tracked). Addresses are 4 or 16 raw bytes; the initiator
   * is the sender of the flow's first packet. Each direction's overlap policy is that of the host
   * receiving it. {@link TcpSession#close} gives the session's bytes back.
   */
  public TcpSession newSession(
      byte[] initiatorAddr, int initiatorPort, byte[] responderAddr, int responderPort) {
    if (!sessions.reserve(SESSION_BYTES)) {
      counters.sessionMemcapDrop();
      return null;
    }
    TcpSession s = spare.poll();
    if (s == null) {
      s =
          new TcpSession(
              config,
              counters,
              memory,
              resolver.policyFor(initiatorAddr),
              resolver.policyFor(responderAddr),
              initiatorPort,
              responderPort);
    } else {
      s.reopen(
          counters,
          resolver.policyFor(initiatorAddr),
          resolver.policyFor(responderAddr),
          initiatorPort,
          responderPort);
    }
    s.accountIn(sessions, SESSION_BYTES);
    return s;
  }

  /**
   * Keeps a session its flow gave up, after its {@link TcpSession#close}, for a later flow; the
   * caller holds no reference to it any more.
   */
  public void recycle(TcpSession s) {
    if (spare.size() < SPARE_SESSIONS && s.detach()) {
      spare.push(s);
    }
  }

  /** The session state budget ({@code stream.memcap}). */
  public StreamMemory sessionMemory() {
    return sessions;
  }

  /**
   * Whether a TCP segment may enter tracking and reassembly: not when checksum validation is on and
   * its checksum is bad ({@code badChecksum}), as the receiver discards it too; such segments are
   * counted.
   */
  public boolean admits(boolean badChecksum) {
    if (badChecksum) {
      counters.invalidChecksum();
      return false;
    }
    return true;
  }

  /** The engine's configuration. */
  public StreamConfig config() {
    return config;
  }

  /** Counters of every session of this engine. */
  public StreamCounters counters() {
    return counters;
  }

  /** The stream data budget ({@code stream.reassembly.memcap}). */
  public StreamMemory memory() {
    return memory;
  }
}
