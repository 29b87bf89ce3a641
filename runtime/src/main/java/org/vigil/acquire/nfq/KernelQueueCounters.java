package org.vigil.acquire.nfq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's own counters of one queue, from {@code /proc/net/netfilter/nfnetlink_queue} (of the
 * reading process's network namespace): packets waiting, dropped because the queue was full,
 * dropped because user space could not take them (socket buffer full), and the last packet id.
 */
public record KernelQueueCounters(
    int queue,
    int peerPortId,
    long waiting,
    int copyMode,
    int copyRange,
    long queueDropped,
    long userDropped,
    long idSequence) {

  /** The standard proc file. */
  public static final Path PROC = Path.of("/proc/net/netfilter/nfnetlink_queue");

  /**
   * The counters of {@code queue} from {@code file}, or null when the queue is not bound or the
   * file is unreadable.
   */
  public static KernelQueueCounters read(Path file, int queue) {
    try {
      for (String line : Files.readAllLines(file)) {
        KernelQueueCounters c = parse(line);
        if (c != null && c.queue == queue) return c;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /** Parses one line of the proc file; null when it is not one. */
  static KernelQueueCounters parse(String line) {
    String[] f = line.trim().split("\\s+");
    if (f.length < 8) return null;
    try {
      return new KernelQueueCounters(
          Integer.parseInt(f[0]),
          Integer.parseInt(f[1]),
          Long.parseLong(f[2]),
          Integer.parseInt(f[3]),
          Integer.parseInt(f[4]),
          Long.parseLong(f[5]),
          Long.parseLong(f[6]),
          Long.parseLong(f[7]));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
