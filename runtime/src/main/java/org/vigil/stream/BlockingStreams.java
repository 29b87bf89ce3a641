package org.vigil.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The blocking form of the stream API: a {@link StreamConsumer} that queues each direction's data
 * for a module written in blocking style, which reads it like a socket ({@link
 * InputStream#read(byte[], int, int)}, -1 at the end, {@link StreamGapException} once per gap) in a
 * virtual thread of its own. The producer blocks when a direction holds more than {@code capacity}
 * unread bytes.
 */
public final class BlockingStreams implements StreamConsumer {
  /** A module body reading one direction. */
  @FunctionalInterface
  public interface Reader {
    /** Reads from the direction until it ends. */
    void run(InputStream in) throws IOException;
  }

  private final Pipe toServer;
  private final Pipe toClient;

  /** Two pipes of {@code capacity} bytes each. */
  public BlockingStreams(int capacity) {
    toServer = new Pipe(capacity);
    toClient = new Pipe(capacity);
  }

  /** The input stream of a direction. */
  public InputStream input(boolean toServerDir) {
    return toServerDir ? toServer : toClient;
  }

  /** Starts {@code reader} on a direction in a new virtual thread; exceptions end the reader. */
  public Thread start(boolean toServerDir, Reader reader) {
    InputStream in = input(toServerDir);
    return Thread.ofVirtual()
        .name(toServerDir ? "stream-reader-toserver" : "stream-reader-toclient")
        .start(
            () -> {
              try {
                reader.run(in);
              } catch (IOException e) {
                // the reader stopped: drain so the producer is never blocked by it
              } finally {
                ((Pipe) in).abandon();
              }
            });
  }

  @Override
  public void onData(boolean dir, byte[] buf, int off, int len) {
    (dir ? toServer : toClient).put(Arrays.copyOfRange(buf, off, off + len), 0);
  }

  @Override
  public void onGap(boolean dir, long length) {
    (dir ? toServer : toClient).put(null, length);
  }

  @Override
  public void onClose(boolean dir) {
    (dir ? toServer : toClient).close();
  }

  /** One direction's queue of chunks and gaps. */
  private static final class Pipe extends InputStream {
    private record Item(byte[] data, long gap) {}

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private int queued;
    private int pos;
    private boolean closed;
    private boolean abandoned;

    Pipe(int capacity) {
      this.capacity = Math.max(1, capacity);
    }

    void put(byte[] data, long gap) {
      lock.lock();
      try {
        if (abandoned || closed) {
          return;
        }
        while (data != null && queued > 0 && queued + data.length > capacity && !abandoned) {
          notFull.awaitUninterruptibly();
        }
        if (abandoned) {
          return;
        }
        items.add(new Item(data, gap));
        queued += data == null ? 0 : data.length;
        notEmpty.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        closed = true;
        notEmpty.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void abandon() {
      lock.lock();
      try {
        abandoned = true;
        items.clear();
        queued = 0;
        notFull.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      lock.lock();
      try {
        while (items.isEmpty()) {
          if (closed) {
            return -1;
          }
          notEmpty.await();
        }
        Item it = items.peek();
        if (it.data == null) {
          items.poll();
          throw new StreamGapException(it.gap);
        }
        int n = Math.min(len, it.data.length - pos);
        System.arraycopy(it.data, pos, b, off, n);
        pos += n;
        if (pos == it.data.length) {
          items.poll();
          pos = 0;
          queued -= it.data.length;
          notFull.signalAll();
        }
        return n;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("stream read interrupted");
      } finally {
        lock.unlock();
      }
    }
  }
}
