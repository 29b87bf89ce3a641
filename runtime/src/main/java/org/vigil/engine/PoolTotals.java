package org.vigil.engine;

import org.vigil.stream.StreamCounters;
import org.vigil.stream.StreamEvent;
import org.vigil.thread.EngineErrors;
import org.vigil.thread.module.DetectModule;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.PortscanModule;
import org.vigil.thread.module.ThreadModule;

/** The stream and detection counters of a worker pool's detect modules, summed for stats.json. */
final class PoolTotals {
  private long sessions;
  private long segments;
  private long stored;
  private long chunks;
  private long badChecksums;
  private long ttlDecoys;
  private long ssnMemcapDrops;
  private long segmentMemcapDrops;
  private long inspections;
  private long candidates;
  private long matches;
  long alerts;

  /** Alerts the per-packet cap dropped. */
  long alertQueueOverflow;

  /** Adds the counters of one worker's detect module. */
  void add(DetectModule d) {
    StreamCounters c = d.streams().counters();
    sessions += c.sessions();
    segments += c.segments();
    stored += c.bytesStored();
    chunks += c.rawChunks();
    badChecksums += c.invalidChecksums();
    ttlDecoys += c.get(StreamEvent.TTL_DECOY);
    ssnMemcapDrops += c.sessionMemcapDrops();
    segmentMemcapDrops += c.segmentMemcapDrops();
    inspections += d.detector().inspections();
    candidates += d.detector().candidatesEvaluated();
    matches += d.detector().matches();
    alerts += d.alerts();
    alertQueueOverflow += d.alertQueueOverflow();
  }

  /**
   * Adds one worker's chain: its detect module's counters and its portscan alerts; its modules' and
   * the chain's errors go to {@code errors}.
   */
  void addChain(ModuleChain chain, EngineErrors errors) {
    for (ThreadModule m : chain.modules()) {
      if (m instanceof PortscanModule ps) {
        alerts += ps.alerts();
      }
      if (m instanceof DetectModule d && d.detector() != null) {
        add(d);
        errors.add(d.errors());
      }
    }
    errors.add(chain.errors());
  }

  /** The tcp values {@link StatsTree#runCounters} takes. */
  long[] tcp() {
    return new long[] {
      sessions,
      segments,
      stored,
      chunks,
      badChecksums,
      ttlDecoys,
      ssnMemcapDrops,
      segmentMemcapDrops
    };
  }

  /** The detect values {@link StatsTree#runCounters} takes, with {@code engineErrors}. */
  long[] detect(long engineErrors) {
    return new long[] {alerts, inspections, candidates, matches, engineErrors, alertQueueOverflow};
  }
}
