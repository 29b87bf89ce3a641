package org.vigil.stream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory cap shared by the reassembly buffers of one engine (may be shared across flow
 * threads).
 */
public final class StreamMemory {
  private final long cap;
  private final AtomicLong used = new AtomicLong();

  /** A budget of {@code capBytes} bytes (0 or less: unlimited). */
  public StreamMemory(long capBytes) {
    this.cap = capBytes;
  }

  /** Reserves {@code n} bytes; false (and nothing reserved) if the cap would be passed. */
  public boolean reserve(long n) {
    if (cap <= 0) {
      used.addAndGet(n);
      return true;
    }
    while (true) {
      long u = used.get();
      if (u + n > cap) {
        return false;
      }
      if (used.compareAndSet(u, u + n)) {
        return true;
      }
    }
  }

  /** Returns {@code n} bytes to the budget. */
  public void release(long n) {
    used.addAndGet(-n);
  }

  /** Bytes currently reserved. */
  public long used() {
    return used.get();
  }

  /** The cap in bytes (0 or less: unlimited). */
  public long cap() {
    return cap;
  }
}
