package org.vigil.portscan;

/**
 * The counts of one tracker (a scanned host's or a scanning host's, in one protocol) in its current
 * window, as sfPortscan keeps them: connection attempts still unanswered, negative responses
 * ("priority"), changes of the other host and of the port from one attempt to the next, their
 * ranges, the ports a scanned host answered (open ports); plus, for a scanned host, which sources
 * tried which ports and how often each tried ({@link PortSources}, what tells the shapes of scan
 * apart) and a majority vote over the other hosts (the source a portscan alert names: the one that
 * made most attempts whenever one made more than half), and the scan alerted in the window. Guarded
 * by the tracker's stripe lock.
 */
final class ScanCounters {
  long windowStart;
  long windowEnd;
  int connections;
  int priority;
  int ipChanges;
  int portChanges;
  boolean seenOther;
  long lastHi;
  long lastLo;
  long lowHi;
  long lowLo;
  long highHi;
  long highLo;
  int lastPort = Integer.MIN_VALUE;
  int lowPort = Integer.MAX_VALUE;
  int highPort = Integer.MIN_VALUE;
  long candidateHi;
  long candidateLo;
  int votes;
  boolean alerted;

  /** A scanned host's sources per port (null: none sampled yet). */
  PortSources sources;

  /** The scan this tracker alerted on in its window (null: none yet), for open port events. */
  ScanSignature raised;

  /** The most open ports a window keeps (sfPortscan's). */
  static final int OPEN_PORTS = 7;

  /** The open ports seen, 16 bits each: the first four in {@code openLow}, the rest above. */
  private long openLow;

  private long openHigh;
  int openCount;

  /**
   * Starts a new window at {@code now} when none is open, the open one has passed, or time went
   * back more than a window (a new capture): the threads of a run see packets slightly out of
   * order, so a small step back stays in the window.
   */
  void window(long now, long windowNanos) {
    if (windowEnd != 0 && now <= windowEnd && now >= windowStart - windowNanos) {
      return;
    }
    connections = 0;
    priority = 0;
    ipChanges = 0;
    portChanges = 0;
    seenOther = false;
    lastPort = Integer.MIN_VALUE;
    lowPort = Integer.MAX_VALUE;
    highPort = Integer.MIN_VALUE;
    votes = 0;
    alerted = false;
    raised = null;
    if (sources != null) {
      sources.clear();
    }
    openLow = 0;
    openHigh = 0;
    openCount = 0;
    windowStart = now;
    windowEnd = now + windowNanos;
  }

  /** An attempt involving the other host {@code (hi, lo)} on {@code port} (-1: none). */
  void attempt(long hi, long lo, int port) {
    connections++;
    if (!seenOther || hi != lastHi || lo != lastLo) {
      ipChanges++;
      lastHi = hi;
      lastLo = lo;
    }
    if (!seenOther || less(hi, lo, lowHi, lowLo)) {
      lowHi = hi;
      lowLo = lo;
    }
    if (!seenOther || less(highHi, highLo, hi, lo)) {
      highHi = hi;
      highLo = lo;
    }
    seenOther = true;
    if (port >= 0) {
      if (port != lastPort) {
        portChanges++;
        lastPort = port;
      }
      lowPort = Math.min(lowPort, port);
      highPort = Math.max(highPort, port);
    }
    if (votes == 0) {
      candidateHi = hi;
      candidateLo = lo;
      votes = 1;
    } else if (candidateHi == hi && candidateLo == lo) {
      votes++;
    } else {
      votes--;
    }
  }

  /** An attempt on a scanned host from the source {@code (hi, lo)} on {@code port} (-1: none). */
  void sample(long hi, long lo, int port) {
    if (port < 0) {
      return;
    }
    if (sources == null) {
      sources = new PortSources();
    }
    sources.add(port, hi, lo);
  }

  /** An attempt was answered: one fewer unanswered connection. */
  void answered() {
    if (connections > 0) {
      connections--;
    }
  }

  /**
   * The scanned host answered an attempt on {@code port}: the port is open. True when it is new in
   * this window and there was room to keep it ({@link #OPEN_PORTS}).
   */
  boolean open(int port) {
    for (int i = 0; i < openCount; i++) {
      if (openPort(i) == port) {
        return false;
      }
    }
    if (openCount == OPEN_PORTS || port < 0) {
      return false;
    }
    int shift = (openCount & 3) * 16;
    if (openCount < 4) {
      openLow |= (long) (port & 0xffff) << shift;
    } else {
      openHigh |= (long) (port & 0xffff) << shift;
    }
    openCount++;
    return true;
  }

  /** The {@code i}-th open port kept (0 to {@code openCount - 1}). */
  int openPort(int i) {
    long word = i < 4 ? openLow : openHigh;
    return (int) (word >>> ((i & 3) * 16)) & 0xffff;
  }

  /** A negative response. */
  void refused() {
    priority++;
  }

  /**
   * True when most of the sampled ports were tried by two or more sources: sources take turns on
   * each port, as a scanner hiding among decoys does.
   */
  boolean sourcesShareThePorts() {
    return sources != null && sources.ports() > 0 && sources.shared() * 2 >= sources.ports();
  }

  /** True when one source made at least three quarters of the attempts. */
  boolean oneSource() {
    return sources != null && sources.oneSourceMadeMost();
  }

  private static boolean less(long aHi, long aLo, long bHi, long bLo) {
    int c = Long.compareUnsigned(aHi, bHi);
    return c < 0 || (c == 0 && Long.compareUnsigned(aLo, bLo) < 0);
  }
}
