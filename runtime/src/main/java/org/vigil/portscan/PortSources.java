package org.vigil.portscan;

/**
 * Which sources tried which ports of a scanned host in a window, and how often each source tried,
 * kept so that the result does not depend on the order the attempts reach the tracker (worker
 * threads reach the shared tracker in an order of their own). The ports kept are the {@link #PORTS}
 * whose hashes are the smallest of all ports tried (the largest kept hash only falls, so a port is
 * kept from its first attempt on or never), each with the set of its sources as bits of a 32-bit
 * mask, a source's bit chosen by a hash of its address; the attempts are counted per source in two
 * rows of 16 buckets, each row by another hash of the address (sums, whatever their order). Any
 * order of the same attempts leaves the same state.
 */
final class PortSources {
  /** The most ports kept. */
  static final int PORTS = 8;

  /** Per kept port: the port in the high 32 bits, its sources' bits in the low 32. */
  private final long[] kept = new long[PORTS];

  private int size;

  /** Attempts per source bucket: two rows of 16, by two hashes of the source's address. */
  private final int[] attempts = new int[32];

  /** An attempt of the source {@code (hi, lo)} on {@code port}. */
  void add(int port, long hi, long lo) {
    long h = sourceHash(hi, lo);
    attempts[(int) (h >>> 32) & 15]++;
    attempts[16 + ((int) (h >>> 40) & 15)]++;
    long bit = 1L << (h >>> 59);
    int largest = -1;
    int largestHash = 0;
    for (int i = 0; i < size; i++) {
      int p = (int) (kept[i] >>> 32);
      if (p == port) {
        kept[i] |= bit;
        return;
      }
      int ph = portHash(p);
      if (largest < 0 || Integer.compareUnsigned(ph, largestHash) > 0) {
        largest = i;
        largestHash = ph;
      }
    }
    long entry = (long) port << 32 | bit;
    if (size < PORTS) {
      kept[size++] = entry;
    } else if (Integer.compareUnsigned(portHash(port), largestHash) < 0) {
      kept[largest] = entry;
    }
  }

  /** Ports kept. */
  int ports() {
    return size;
  }

  /** Kept ports that two or more sources tried. */
  int shared() {
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (Integer.bitCount((int) kept[i]) >= 2) {
        n++;
      }
    }
    return n;
  }

  /**
   * True when one source made at least three quarters of the attempts (sources sharing a bucket in
   * both rows count as one).
   */
  boolean oneSourceMadeMost() {
    int total = 0;
    int most1 = 0;
    int most2 = 0;
    for (int i = 0; i < 16; i++) {
      total += attempts[i];
      most1 = Math.max(most1, attempts[i]);
      most2 = Math.max(most2, attempts[16 + i]);
    }
    return total > 0 && most1 * 4L >= total * 3L && most2 * 4L >= total * 3L;
  }

  /** Forgets every port (a new window). */
  void clear() {
    size = 0;
    java.util.Arrays.fill(attempts, 0);
  }

  /**
   * The kept ports and their sources' bits, in port order ({@code port:bits} each), then the
   * attempts per bucket.
   */
  @Override
  public String toString() {
    long[] k = java.util.Arrays.copyOf(kept, size);
    java.util.Arrays.sort(k);
    StringBuilder b = new StringBuilder();
    for (long e : k) {
      b.append(e >>> 32).append(':').append(Integer.toHexString((int) e)).append(' ');
    }
    return b.append(java.util.Arrays.toString(attempts)).toString();
  }

  /** A one-to-one mix of the port's bits: distinct ports never tie. */
  private static int portHash(int port) {
    int h = port * 0x9E3779B1;
    h ^= h >>> 15;
    h *= 0x85EBCA77;
    return h ^ (h >>> 13);
  }

  /** A mix of the address's bits (murmur3's finalizer). */
  private static long sourceHash(long hi, long lo) {
    long h = (hi * 0x9E3779B97F4A7C15L) ^ lo;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }
}
