package org.vigil.stream;

/**
 * Per-engine (per thread) counters of stream events and reassembly volume; not thread-safe, one per
 * flow thread.
 */
public final class StreamCounters {
  private final long[] events = new long[StreamEvent.values().length];
  private long sessions;
  private long segments;
  private long bytesStored;
  private long bytesDeliveredApp;
  private long rawChunks;
  private long invalidChecksums;
  private long sessionMemcapDrops;

  void count(StreamEvent e) {
    events[e.ordinal()]++;
  }

  void session() {
    sessions++;
  }

  void segment() {
    segments++;
  }

  void stored(long n) {
    bytesStored += n;
  }

  void deliveredApp(long n) {
    bytesDeliveredApp += n;
  }

  void sessionMemcapDrop() {
    sessionMemcapDrops++;
  }

  void invalidChecksum() {
    invalidChecksums++;
  }

  void rawChunk() {
    rawChunks++;
  }

  /** How many times the event occurred. */
  public long get(StreamEvent e) {
    return events[e.ordinal()];
  }

  /** Sessions created. */
  public long sessions() {
    return sessions;
  }

  /** TCP segments handed to sessions. */
  public long segments() {
    return segments;
  }

  /** Payload bytes written to reassembly buffers (first copies and replacements). */
  public long bytesStored() {
    return bytesStored;
  }

  /** Bytes handed to app-layer consumers. */
  public long bytesDeliveredApp() {
    return bytesDeliveredApp;
  }

  /** TCP segments kept out of tracking and reassembly for a bad checksum (validation on). */
  public long invalidChecksums() {
    return invalidChecksums;
  }

  /** TCP flows left untracked because {@code stream.memcap} had no room for their session. */
  public long sessionMemcapDrops() {
    return sessionMemcapDrops;
  }

  /** Segments whose data {@code stream.reassembly.memcap} had no room for. */
  public long segmentMemcapDrops() {
    return get(StreamEvent.MEMCAP_REACHED);
  }

  /** Raw chunks produced for stream inspection. */
  public long rawChunks() {
    return rawChunks;
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("sessions=")
            .append(sessions)
            .append(" segments=")
            .append(segments)
            .append(" stored=")
            .append(bytesStored)
            .append(" app=")
            .append(bytesDeliveredApp)
            .append(" rawChunks=")
            .append(rawChunks);
    for (StreamEvent e : StreamEvent.values()) {
      if (events[e.ordinal()] != 0) {
        sb.append(' ')
            .append(e.name().toLowerCase(java.util.Locale.ROOT))
            .append('=')
            .append(events[e.ordinal()]);
      }
    }
    return sb.toString();
  }
}
