package org.vigil.ship;

import org.vigil.output.log.AlertLogReader;

/**
 * Counts the records retention or the disk budget deleted before the shipper read them: those
 * between two records read (when the later one is read) and those after the last record read (when
 * the shipper ends or catches up and no later record is left to read), each once.
 */
final class LossCount {
  /** The log index of the record read last (-1: none). */
  private long previousRead = -1;

  /** Records deleted before log indexes up to this one are counted already. */
  private long accountedUpTo = -1;

  /** Of the records deleted after {@link #previousRead}, how many are counted already. */
  private long countedAfterRead;

  /** The shipper resumes after log index {@code index} (-1: from the start). */
  void resumeAfter(long index) {
    if (index != previousRead) {
      previousRead = index;
      countedAfterRead = 0;
    }
  }

  /** The record at {@code index} is read; returns the records deleted before it not yet counted. */
  long read(AlertLogReader reader, long index) {
    long lost = 0;
    if (index > accountedUpTo) {
      lost = Math.max(0, reader.droppedBetween(previousRead, index) - countedAfterRead);
      accountedUpTo = index;
    }
    previousRead = index;
    countedAfterRead = 0;
    return lost;
  }

  /**
   * Nothing more is there to read: returns the records deleted after the last one read not yet
   * counted (a newer record would have counted them when read).
   */
  long atEnd(AlertLogReader reader) {
    long lost = Math.max(0, reader.droppedAfter(previousRead) - countedAfterRead);
    countedAfterRead += lost;
    return lost;
  }
}
