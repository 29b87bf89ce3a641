package org.vigil.ship;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records of one transaction and how far in the log they reach: at most {@code size} records to
 * send, and at most ten times that many read (records of types not shipped move the progress
 * without being sent). Single-threaded.
 */
final class Batch {
  private final int size;
  private final List<ProducerRecord<byte[], byte[]>> records;
  private int read;
  private long lastIndex = -1;

  Batch(int size) {
    this.size = size;
    this.records = new ArrayList<>(size);
  }

  /** Empties the batch. */
  void clear() {
    records.clear();
    read = 0;
    lastIndex = -1;
  }

  /** True while the batch takes more records. */
  boolean wanted() {
    return records.size() < size && read < 10L * size;
  }

  /** Adds the record read at log index {@code index}. */
  void add(long index, ProducerRecord<byte[], byte[]> record) {
    records.add(record);
    pass(index);
  }

  /** Moves the progress past the record at {@code index}, which is not sent. */
  void pass(long index) {
    read++;
    lastIndex = index;
  }

  /** True when nothing was read. */
  boolean isEmpty() {
    return read == 0;
  }

  /** The records to send. */
  List<ProducerRecord<byte[], byte[]>> records() {
    return records;
  }

  /** The log index of the last record read. */
  long lastIndex() {
    return lastIndex;
  }
}
