package org.vigil.defrag;

/**
 * Defragmentation settings.
 *
 * @param timeoutSeconds {@code defrag.timeout}: seconds of packet time a datagram waits for its
 *     fragments
 * @param memcapBytes {@code defrag.memcap}: bytes of fragment data and trackers held at once
 * @param maxFragmentsPerDatagram fragments one datagram may have (more are ignored, an event)
 * @param trackers {@code defrag.trackers}: datagrams reassembled at once (the oldest gives way)
 * @param maxFrags {@code defrag.max-frags}: fragments held at once over all datagrams (more are
 *     dropped, counted as defrag.max_frag_hits)
 */
public record DefragConfig(
    int timeoutSeconds, long memcapBytes, int maxFragmentsPerDatagram, int trackers, int maxFrags) {
  /** Suricata's limits for what the first three do not say: 65535 trackers and fragments. */
  public DefragConfig(int timeoutSeconds, long memcapBytes, int maxFragmentsPerDatagram) {
    this(timeoutSeconds, memcapBytes, maxFragmentsPerDatagram, 65535, 65535);
  }

  /** Suricata 7's suricata.yaml: 60 s, 32 MB, 65535 trackers and fragments. */
  public static DefragConfig defaults() {
    return new DefragConfig(60, 32L * 1024 * 1024, 8192);
  }
}
