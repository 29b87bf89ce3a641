package org.vigil.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The captures waiting in the unix-socket run mode ({@code pcap-file}), read one after another,
 * each into its own output folder; the one being read and the time the last one ended.
 */
public final class PcapQueue {
  /**
   * A capture file or folder to read into {@code outputDir}; a {@code continuous} folder is watched
   * for new captures until interrupted; with {@code deleteWhenDone} each capture is deleted once
   * read.
   */
  public record Job(Path capture, Path outputDir, boolean continuous, boolean deleteWhenDone) {}

  private final LinkedBlockingQueue<Job> waiting = new LinkedBlockingQueue<>();
  private volatile Job current;
  private volatile long lastProcessedMillis;
  private volatile Runnable interrupt = () -> {};

  /** Queues {@code job}. */
  public void add(Job job) {
    waiting.add(job);
  }

  /** The next job, now the current one, waiting up to {@code millis}; null when none came. */
  public synchronized Job next(long millis) throws InterruptedException {
    Job j = waiting.poll(millis, TimeUnit.MILLISECONDS);
    if (j != null) {
      current = j;
    }
    return j;
  }

  /** How to stop reading the current job ({@code pcap-interrupt}). */
  public void started(Runnable stop) {
    this.interrupt = stop;
  }

  /** The job being read ended. */
  public void finished() {
    this.current = null;
    this.interrupt = () -> {};
    this.lastProcessedMillis = System.currentTimeMillis();
  }

  /** Stops reading the current job (the next one starts). */
  public void interruptCurrent() {
    interrupt.run();
  }

  /** Captures waiting (the one being read not counted). */
  public synchronized int waitingCount() {
    return waiting.size();
  }

  /** The captures waiting, in order. */
  public List<String> waitingFiles() {
    List<String> out = new ArrayList<>();
    for (Job j : waiting) {
      out.add(j.capture().toString());
    }
    return out;
  }

  /** The capture being read, or null. */
  public synchronized Job current() {
    return current;
  }

  /** When the last capture ended (milliseconds since the epoch), 0 before any. */
  public long lastProcessedMillis() {
    return lastProcessedMillis;
  }
}
