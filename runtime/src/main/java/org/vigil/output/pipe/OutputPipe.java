package org.vigil.output.pipe;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscArrayQueue;

/**
 * Streams one captured field, one record per line, to an external program's stdin or a named pipe.
 * Producers (detection threads) only {@link #offer} into a bounded lock-free queue; a separate
 * writer thread feeds the consumer. A slow consumer fills the queue and a dead one stops the
 * writer: in both cases new records are dropped and counted, and the producer never waits. Line
 * breaks inside a value are written as {@code \n} / {@code \r} so one value stays one line.
 */
public final class OutputPipe implements Closeable {
  private static final long IDLE_PARK_NANOS = 1_000_000L;

  private final PipeConfig config;
  private final MpscArrayQueue<String> queue;
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final Thread writer;
  private final Process process;
  private volatile boolean closing;
  private volatile boolean dead;
  private volatile String failure;

  private OutputPipe(PipeConfig config, Process process) {
    this.config = config;
    this.queue = new MpscArrayQueue<>(config.capacity());
    this.process = process;
    this.writer =
        Thread.ofPlatform()
            .daemon()
            .name("vigil-pipe-" + config.field())
            .unstarted(this::drainLoop);
  }

  /**
   * Starts the pipe: runs the program (in {@code workDir}) or, for a named pipe, opens it on the
   * writer thread (opening a FIFO waits for its reader; detection does not).
   */
  public static OutputPipe start(PipeConfig config, File workDir) throws IOException {
    Process p = null;
    if (config.command() != null) {
      p =
          new ProcessBuilder(config.command())
              .directory(workDir)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    }
    OutputPipe pipe = new OutputPipe(config, p);
    pipe.writer.start();
    return pipe;
  }

  /** The field this pipe streams. */
  public String field() {
    return config.field();
  }

  /**
   * Queues one record; never blocks. False (and counted as dropped) when full or the consumer is
   * gone.
   */
  public boolean offer(CharSequence value) {
    offered.incrementAndGet();
    if (dead || closing || !queue.offer(value.toString())) {
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Records offered. */
  public long offered() {
    return offered.get();
  }

  /** Records dropped because the buffer was full or the consumer had gone. */
  public long dropped() {
    return dropped.get();
  }

  /** Records written to the consumer. */
  public long written() {
    return written.get();
  }

  /** Why the consumer stopped taking records, or null while it is healthy. */
  public String failure() {
    return failure;
  }

  private void drainLoop() {
    try (Writer out =
        new BufferedWriter(new OutputStreamWriter(open(), StandardCharsets.UTF_8), 1 << 14)) {
      StringBuilder line = new StringBuilder(256);
      while (true) {
        String v = queue.relaxedPoll();
        if (v == null) {
          out.flush();
          if (closing && queue.isEmpty()) {
            break;
          }
          LockSupport.parkNanos(IDLE_PARK_NANOS);
          continue;
        }
        line.setLength(0);
        escape(line, v).append('\n');
        out.append(line);
        written.incrementAndGet();
      }
    } catch (IOException e) {
      failure = "consumer of " + config.field() + " stopped taking records: " + e.getMessage();
    } finally {
      dead = true;
      long left = 0;
      while (queue.relaxedPoll() != null) {
        left++;
      }
      dropped.addAndGet(left);
    }
  }

  private OutputStream open() throws IOException {
    if (process != null) {
      return process.getOutputStream();
    }
    return Files.newOutputStream(
        config.fifo(),
        StandardOpenOption.WRITE,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static StringBuilder escape(StringBuilder sb, String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
    return sb;
  }

  /**
   * Writes what is queued (waiting up to {@code timeoutMillis} for a slow consumer), closes the
   * consumer's input and waits for a program to exit in the same time; a consumer still busy after
   * that is left to finish on its own (a program is then destroyed).
   */
  public void close(long timeoutMillis) {
    closing = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    try {
      writer.join(Math.max(1, timeoutMillis));
      if (process != null) {
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        if (writer.isAlive()) {
          process.destroy();
        }
        if (!process.waitFor(left, TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(5_000);
  }
}
