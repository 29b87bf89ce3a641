package org.vigil.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte budget under a cap, shared by the threads of a run: stores reserve what they allocate and
 * release what they free, so {@link #used} is the memuse of a stats counter and {@link #peak} the
 * most it reached.
 */
public class Memcap {
  private final long cap;
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();

  /** A budget of {@code capBytes} bytes (0 or less: unlimited). */
  public Memcap(long capBytes) {
    this.cap = capBytes;
  }

  /** Reserves {@code n} bytes; false (and nothing reserved) if the cap would be passed. */
  public boolean reserve(long n) {
    long u;
    if (cap <= 0) {
      u = used.addAndGet(n);
    } else {
      while (true) {
        long cur = used.get();
        if (cur + n > cap) {
          return false;
        }
        if (used.compareAndSet(cur, cur + n)) {
          u = cur + n;
          break;
        }
      }
    }
    if (u > peak.get()) {
      peak.accumulateAndGet(u, Math::max);
    }
    return true;
  }

  /** True when {@code n} more bytes would fit now. */
  public boolean fits(long n) {
    return cap <= 0 || used.get() + n <= cap;
  }

  /** Returns {@code n} bytes to the budget. */
  public void release(long n) {
    used.addAndGet(-n);
  }

  /** Bytes currently reserved. */
  public long used() {
    return used.get();
  }

  /** The most bytes reserved at once so far. */
  public long peak() {
    return peak.get();
  }

  /** The cap in bytes (0 or less: unlimited). */
  public long cap() {
    return cap;
  }
}
