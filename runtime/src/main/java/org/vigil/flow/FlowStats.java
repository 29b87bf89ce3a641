package org.vigil.flow;

/**
 * The flow table's counters (stats.json "flow"), plain fields owned by one thread; several add up
 * with {@link #add}.
 */
public final class FlowStats {
  /** Flows created, in all and per protocol class. */
  public long created, tcp, udp, icmp, other;

  /** Flows ended by timeout, by eviction under the memory cap, and at the end of a capture. */
  public long timedOut, evicted, endOfCapture;

  /** Times the table entered emergency mode (over its memory cap). */
  public long emergencyEvictions;

  /** Times emergency mode ended (enough of the memory cap free again). */
  public long emergencyOver;

  /**
   * Packets that got no flow because the memory cap was reached and no flow of the table could be
   * evicted (Suricata's flow.memcap counter).
   */
  public long memcapHits;

  /** Bytes of flow records accounted now, and the most at once (the shared budget's values). */
  public long memuse, memusePeak;

  /** Flows in the table now, and the most it held. */
  public long active, peak;

  /** Adds another thread's counters into this one (the peak is the largest of the two). */
  public void add(FlowStats o) {
    created += o.created;
    tcp += o.tcp;
    udp += o.udp;
    icmp += o.icmp;
    other += o.other;
    timedOut += o.timedOut;
    evicted += o.evicted;
    endOfCapture += o.endOfCapture;
    emergencyEvictions += o.emergencyEvictions;
    emergencyOver += o.emergencyOver;
    memcapHits += o.memcapHits;
    memuse = Math.max(memuse, o.memuse); // tables of one run share one budget
    memusePeak = Math.max(memusePeak, o.memusePeak);
    active += o.active;
    peak = Math.max(peak, o.peak);
  }
}
