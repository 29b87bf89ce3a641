package org.vigil.engine;

/**
 * Which captures the workers of a {@code workers} run read once the run is asked to stop: each
 * worker reads every capture itself, so they must agree. The first worker to reach a capture
 * decides for all: read it if the run was not stopped by then, else pass it and every later one
 * over. Workers reach captures in the run's order, so the captures read are a prefix, the same for
 * every worker.
 */
final class CaptureGate {
  private int admittedUpTo = -1;
  private int refusedFrom = Integer.MAX_VALUE;
  private boolean stopped;

  /** The run was asked to stop: captures no worker started yet are passed over. */
  synchronized void stop() {
    stopped = true;
  }

  /** Whether capture {@code index} is read (the same answer to every worker). */
  synchronized boolean admit(int index) {
    if (index <= admittedUpTo) {
      return true;
    }
    if (index >= refusedFrom) {
      return false;
    }
    if (stopped) {
      refusedFrom = index;
      return false;
    }
    admittedUpTo = index;
    return true;
  }
}
