package org.vigil.detect.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The xbits of a run: named bits kept per host (a packet's source or destination address: a bit set
 * on a host tracked as ip_src is seen by a test tracking it as ip_dst) or per pair of hosts (either
 * order), each living until its expiry in packet time, as Suricata's host and IP-pair tables keep
 * them. Shared by the detect threads of a run (thread-safe); bounded by {@link #CAPACITY} bits,
 * beyond which expired bits are dropped and, if still full, a new bit is not set (counted in {@link
 * #dropped()}).
 */
public final class HostBits {
  /** Track the packet's source address. */
  public static final int IP_SRC = 0;

  /** Track the packet's destination address. */
  public static final int IP_DST = 1;

  /** Track the packet's two addresses, in either order. */
  public static final int IP_PAIR = 2;

  /** The most bits kept at once. */
  public static final int CAPACITY = 1 << 16;

  /**
   * One bit's owner: name, kind (a host, {@link #IP_SRC}, or a pair, {@link #IP_PAIR}) and up to
   * two addresses (IPv6 as two longs each).
   */
  private record Key(String name, int track, long a0, long a1, long b0, long b1) {
    // equals and hashCode written out (hashCode with the record's own formula): the generated ones
    // go through method handles that C2 inlines as large guard trees into every map lookup
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && java.util.Objects.equals(name, k.name)
          && track == k.track
          && a0 == k.a0
          && a1 == k.a1
          && b0 == k.b0
          && b1 == k.b1;
    }

    @Override
    public int hashCode() {
      int h = java.util.Objects.hashCode(name);
      h = h * 31 + Integer.hashCode(track);
      h = h * 31 + Long.hashCode(a0);
      h = h * 31 + Long.hashCode(a1);
      h = h * 31 + Long.hashCode(b0);
      return h * 31 + Long.hashCode(b1);
    }
  }

  /** Expiry time (packet microseconds) per set bit. */
  private final ConcurrentHashMap<Key, Long> bits = new ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.AtomicLong dropped =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * Whether bit {@code name} of the owner {@code track} picks from {@code ctx}'s addresses is set
   * and not expired at {@code ctx.timeMicros}; false for a packet without addresses.
   */
  public boolean isSet(String name, int track, InspectionContext ctx) {
    Key k = key(name, track, ctx);
    if (k == null) {
      return false;
    }
    Long expiry = bits.get(k);
    return expiry != null && ctx.timeMicros < expiry;
  }

  /** Sets the bit until {@code expireSeconds} after {@code ctx.timeMicros}. */
  public void set(String name, int track, int expireSeconds, InspectionContext ctx) {
    Key k = key(name, track, ctx);
    if (k == null) {
      return;
    }
    if (bits.size() >= CAPACITY && !bits.containsKey(k)) {
      long now = ctx.timeMicros;
      bits.values().removeIf(e -> e <= now);
      if (bits.size() >= CAPACITY) {
        dropped.incrementAndGet();
        return;
      }
    }
    bits.put(k, ctx.timeMicros + expireSeconds * 1_000_000L);
  }

  /** Clears the bit. */
  public void unset(String name, int track, InspectionContext ctx) {
    Key k = key(name, track, ctx);
    if (k != null) {
      bits.remove(k);
    }
  }

  /** Sets the bit when it is not set (or expired), else clears it. */
  public void toggle(String name, int track, int expireSeconds, InspectionContext ctx) {
    if (isSet(name, track, ctx)) {
      unset(name, track, ctx);
    } else {
      set(name, track, expireSeconds, ctx);
    }
  }

  /** Forgets every bit (a new capture file of a run that resets its state between files). */
  public void clear() {
    bits.clear();
  }

  /** Bits not set because the store was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Check for generated code: {@code isSet(...) == want} (without a store no bit is set). */
  public static boolean check(InspectionContext ctx, String name, int track, boolean want) {
    HostBits h = ctx.hostBits;
    return (h != null && h.isSet(name, track, ctx)) == want;
  }

  /** Action for generated code: 0 set, 1 unset, 2 toggle; nothing without a store. */
  public static void act(
      InspectionContext ctx, String name, int track, int command, int expireSeconds) {
    HostBits h = ctx.hostBits;
    if (h == null) {
      return;
    }
    switch (command) {
      case 0 -> h.set(name, track, expireSeconds, ctx);
      case 1 -> h.unset(name, track, ctx);
      default -> h.toggle(name, track, expireSeconds, ctx);
    }
  }

  private static Key key(String name, int track, InspectionContext ctx) {
    int v = ctx.ipVersion;
    if (v != 4 && v != 6) {
      return null;
    }
    int n = v == 4 ? 4 : 16;
    long s0 = word(ctx.srcIp, 0, n);
    long s1 = n == 16 ? word(ctx.srcIp, 8, n) : 0;
    long d0 = word(ctx.dstIp, 0, n);
    long d1 = n == 16 ? word(ctx.dstIp, 8, n) : 0;
    return switch (track) {
      // a host's bits are the host's, whichever side of the packet it was found on
      case IP_SRC -> new Key(name, IP_SRC, s0, s1, v, 0);
      case IP_DST -> new Key(name, IP_SRC, d0, d1, v, 0);
      default -> {
        boolean srcFirst = s0 < d0 || (s0 == d0 && s1 <= d1);
        yield srcFirst
            ? new Key(name, track, s0, s1, d0, d1)
            : new Key(name, track, d0, d1, s0, s1);
      }
    };
  }

  /** Up to 8 bytes of {@code ip} from {@code from} (4 for IPv4) as one number. */
  private static long word(byte[] ip, int from, int n) {
    long w = 0;
    int end = Math.min(n, from + 8);
    for (int i = from; i < end; i++) {
      w = (w << 8) | (ip[i] & 0xFF);
    }
    return w;
  }
}
