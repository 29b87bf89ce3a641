package org.vigil.engine;

/**
 * When a worker last saw TCP payload between two hosts in a packet another worker runs, by hashed
 * host pair (pairs sharing a slot share the latest position: later, never earlier). A flow's
 * expectation is made by the worker running a control flow between the same two hosts, on payload
 * that came before; once every other worker passed the last such payload, it made every expectation
 * it can make from it.
 */
final class HostPairTimes {
  private static final int SLOT_BITS = 14;

  private final long[] last = new long[1 << SLOT_BITS];

  /**
   * Payload between hosts {@code (aHi, aLo)} and {@code (bHi, bLo)} (either order) at {@code
   * position}.
   */
  void saw(long aHi, long aLo, long bHi, long bLo, long position) {
    last[index(aHi, aLo, bHi, bLo)] = position;
  }

  /**
   * The latest position of payload seen between {@code a} and {@code b} (4 or 16 network-order
   * bytes), or of a pair sharing its slot; 0: none; {@link Long#MAX_VALUE} for an unknown address.
   */
  long lastSeen(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return Long.MAX_VALUE;
    }
    return last[index(hi(a), lo(a), hi(b), lo(b))];
  }

  private static int index(long aHi, long aLo, long bHi, long bLo) {
    long h = mix(aHi * 31 + aLo) + mix(bHi * 31 + bLo);
    return (int) (mix(h) >>> (64 - SLOT_BITS));
  }

  private static long hi(byte[] b) {
    return b.length == 16 ? word(b, 0) : 0;
  }

  private static long lo(byte[] b) {
    if (b.length == 16) {
      return word(b, 8);
    }
    long v = 0;
    for (int i = 0; i < 4 && i < b.length; i++) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  private static long word(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
