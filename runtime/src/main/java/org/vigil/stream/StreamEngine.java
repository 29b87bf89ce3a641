package org.vigil.stream;

import org.vigil.stream.policy.PolicyResolver;

/**
 * Creates TCP sessions for one flow thread: holds the configuration, the per-host policy resolver,
 * the memory cap and the counters that its sessions share.
 */
public final class StreamEngine {
  private final StreamConfig config;
  private final PolicyResolver resolver;
  private final StreamMemory memory;
  private final StreamCounters counters = new StreamCounters();

  /** An engine with its own memory budget of {@code config.memcap()} bytes. */
  public StreamEngine(StreamConfig config, PolicyResolver resolver) {
    this(config, resolver, new StreamMemory(config.memcap()));
  }

  /** An engine sharing a memory budget with others (e.g. one per flow thread, one cap overall). */
  public StreamEngine(StreamConfig config, PolicyResolver resolver, StreamMemory memory) {
    this.config = config;
    this.resolver = resolver;
    this.memory = memory;
  }

  /**
   * A session for a new flow. Addresses are 4 or 16 raw bytes; the initiator is the sender of the
   * flow's first packet. Each direction's overlap policy is that of the host receiving it.
   */
  public TcpSession newSession(
      byte[] initiatorAddr, int initiatorPort, byte[] responderAddr, int responderPort) {
    return new TcpSession(
        config,
        counters,
        memory,
        resolver.policyFor(initiatorAddr),
        resolver.policyFor(responderAddr),
        initiatorPort,
        responderPort);
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

  /** The memory budget. */
  public StreamMemory memory() {
    return memory;
  }
}
