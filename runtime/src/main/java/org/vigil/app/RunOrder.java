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
        public long threadBit() {
          return 1;
        }

        @Override
        public void awaitEarlier(
            byte[] hostA, byte[] hostB, java.util.function.LongSupplier announcers) {}
      };

  /**
   * The position of the work being done in the run's order (grows with the packets), or 0 when the
   * run has one thread.
   */
  long position();

  /** This thread's bit among the run's threads (threads past the 64th share bits). */
  long threadBit();

  /**
   * Returns once every other thread of the run did all its work before {@link #position()} that may
   * concern flows between {@code hostA} and {@code hostB} (4 or 16 network-order bytes each):
   * {@code announcers} gives the {@link #threadBit() bits} of the threads with a flow between them
   * that may announce others (an FTP control flow), asked after the other threads' positions.
   */
  void awaitEarlier(byte[] hostA, byte[] hostB, java.util.function.LongSupplier announcers);
}
