package org.vigil.app;

/**
 * Where the thread processing a packet stands among the run's packets, for what app layers share
 * between the threads of a run (expectations): a worker of the {@code workers} run mode over
 * captures meets the packets in the single mode's order, ahead of or behind the other workers.
 */
public interface RunOrder {
  /** The single thread of a run: every earlier packet was processed. */
  RunOrder SINGLE =
      new RunOrder() {
        @Override
        public long position() {
          return 0;
        }

        @Override
        public void awaitEarlier() {}
      };

  /**
   * The position of the work being done in the run's order (grows with the packets), or 0 when the
   * run has one thread.
   */
  long position();

  /** Returns once every other thread of the run did all its work before {@link #position()}. */
  void awaitEarlier();
}
