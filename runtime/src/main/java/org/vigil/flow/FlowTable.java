package org.vigil.flow;

import java.util.ArrayDeque;
import org.vigil.memory.Memcap;

/**
 * The flow table of one thread: symmetric 5-tuple hash with chaining, timeouts per protocol and
 * state driven by packet time (one LRU list per timeout class, so expiry is O(1) per flow), a
 * memory cap (shared by the tables of a run) with emergency timeouts and eviction of the least
 * recently seen flow, and flow end records through a listener. Every flow record allocated, in the
 * table or kept ready, is counted at {@link FlowConfig#FLOW_BYTES} against the cap.
 */
public final class FlowTable {
  /** Timeout classes (protocol class and state): the lists flows are ended from, in order. */
  public static final int CLASSES = 12;

  private final FlowConfig config;
  private final FlowStats stats;
  private final FlowEndListener listener;
  private final Flow[] buckets;
  private final int mask;
  private final Flow[] lruHead = new Flow[CLASSES], lruTail = new Flow[CLASSES];
  private final long[] timeoutNanos = new long[CLASSES], emergencyNanos = new long[CLASSES];
  private final ArrayDeque<Flow> spare = new ArrayDeque<>();
  private final Memcap memory;
  private final int spareMax;
  private int size;
  private boolean emergency;
  private long lastSweepNanos;
  private int stamp; // of the flows moved from now on, relative to stampBase
  private long stampBase = -1; // the first order stamped since the table was emptied, or -1

  /** A table with its own budget of {@code config.memcapBytes()}. */
  public FlowTable(FlowConfig config, FlowStats stats, FlowEndListener listener) {
    this(config, stats, listener, new Memcap(config.memcapBytes()), 1);
  }

  /**
   * A table drawing on {@code memory}, shared with the other tables of a run ({@code tables} in
   * all, which share {@code config.prealloc()} ready records).
   */
  public FlowTable(
      FlowConfig config, FlowStats stats, FlowEndListener listener, Memcap memory, int tables) {
    this.config = config;
    this.stats = stats;
    this.listener = listener;
    this.memory = memory;
    int n = Integer.highestOneBit(Math.max(16, config.hashSize()));
    this.buckets = new Flow[n];
    this.mask = n - 1;
    for (int c = 0; c < CLASSES; c++) {
      FlowState st = FlowState.values()[c % 3];
      timeoutNanos[c] = config.timeout(c / 3, st, false) * 1_000_000_000L;
      emergencyNanos[c] = config.timeout(c / 3, st, true) * 1_000_000_000L;
    }
    this.spareMax = Math.max(0, config.prealloc() / Math.max(1, tables));
    while (spare.size() < spareMax && memory.reserve(FlowConfig.FLOW_BYTES)) spare.add(new Flow());
    noteMemory();
  }

  /** Bytes of flow records accounted against the cap (all tables sharing the budget). */
  public long memuse() {
    return memory.used();
  }

  private void noteMemory() {
    long u = memory.used();
    stats.memuse = u;
    if (u > stats.memusePeak) stats.memusePeak = u;
  }

  /**
   * A flow record for a new flow: a ready one, else a new one the budget admits, else one freed by
   * emergency mode (timeouts, then evicting this table's least recently seen flow); null when the
   * cap is reached and this table has no flow to give up.
   */
  private Flow obtain(long now) {
    Flow f = spare.poll();
    if (f != null) return f;
    if (!emergency && memory.reserve(FlowConfig.FLOW_BYTES)) {
      noteMemory();
      return new Flow();
    }
    makeRoom(now);
    f = spare.poll();
    if (f != null) return f;
    if (memory.reserve(FlowConfig.FLOW_BYTES)) {
      noteMemory();
      return new Flow();
    }
    stats.memcapHits++;
    return null;
  }

  /** Flows in the table. */
  public int size() {
    return size;
  }

  /** True while the table is over its memory cap and uses emergency timeouts. */
  public boolean emergency() {
    return emergency;
  }

  /**
   * True when the packet can have a flow, as in Suricata 7 (the decoders that call
   * FlowSetupPacket): a non-fragment packet with a decoded TCP, UDP, ICMP or ICMPv6 header, an SCTP
   * or ESP packet, or an IPv4 packet carrying IPv6 (6in4, flow of the outer header). Other
   * protocols (GRE, IP-in-IP over IPv6, IGMP, OSPF, PIM, ...) have none: flow keywords and flowbits
   * never match them and IP-only rules see every packet.
   */
  public static boolean wantsFlow(FlowPacket p) {
    if (p.ipVersion() == 0 || p.isFragment()) return false;
    if (p.hasL4()) return true;
    int pr = p.ipProto();
    return pr == PROTO_SCTP
        || (pr == PROTO_ESP && p.payloadLength() >= ESP_HEADER_LEN)
        || (pr == PROTO_IPV6 && p.ipVersion() == 4);
  }

  private static final int PROTO_ICMP = 1,
      PROTO_TCP = 6,
      PROTO_UDP = 17,
      PROTO_IPV6 = 41,
      PROTO_ESP = 50,
      PROTO_ICMPV6 = 58,
      PROTO_SCTP = 132,
      ESP_HEADER_LEN = 8;
  private static final int TCP_FIN = 1, TCP_RST = 4;

  /**
   * The direction Suricata 7 gives a packet of a flow of another protocol than TCP, UDP, SCTP, ICMP
   * and ICMPv6: to server, whichever end sent it (its FlowGetPacketDirection default).
   */
  private static boolean alwaysToServer(int proto) {
    return proto != PROTO_TCP
        && proto != PROTO_UDP
        && proto != PROTO_SCTP
        && proto != PROTO_ICMP
        && proto != PROTO_ICMPV6;
  }

  /**
   * Finds or creates the flow of p, attaches it with its direction, updates counters, state and
   * timeouts, and expires flows whose time has passed (packet time). Returns null if p cannot have
   * a flow.
   */
  public Flow handle(FlowPacket p) {
    if (!wantsFlow(p)) return null;
    long now = p.timestampNanos();
    tick(now);
    int ver = p.ipVersion(), proto = p.ipProto();
    long sHi = p.srcHi(), sLo = p.srcLo(), dHi = p.dstHi(), dLo = p.dstLo();
    int sp = p.srcPort(), dp = p.dstPort();
    int v0 = p.vlanId0(), v1 = p.vlanId1(), depth = p.tunnelDepth();
    if (p.hasIcmpEmbedded()) {
      Flow quoted = quotedFlow(p, v0, v1, depth);
      if (quoted != null) {
        quoted.lastNanos = Math.max(quoted.lastNanos, now);
        boolean toServer = quoted.cLo == sLo && quoted.cHi == sHi;
        count(quoted, p, toServer, false); // an ICMP error neither establishes nor closes
        relink(quoted);
        p.setFlow(quoted, toServer);
        return quoted;
      }
    }
    int h = FlowHash.hash(ver, proto, sHi, sLo, sp, dHi, dLo, dp, v0, v1, depth);
    int b = h & mask;
    Flow f = buckets[b];
    boolean toServer = true;
    while (f != null) {
      if (f.hash == h
          && f.proto == proto
          && f.ipVersion == ver
          && f.vlan0 == v0
          && f.vlan1 == v1
          && f.depth == depth) {
        if (f.cLo == sLo
            && f.cHi == sHi
            && f.cPort == sp
            && f.sLo == dLo
            && f.sHi == dHi
            && f.sPort == dp) break;
        // an ESP flow holds one direction (Suricata keys it by SPI, which differs per direction)
        if (proto != PROTO_ESP
            && f.cLo == dLo
            && f.cHi == dHi
            && f.cPort == dp
            && f.sLo == sLo
            && f.sHi == sHi
            && f.sPort == sp) {
          toServer = alwaysToServer(proto);
          break;
        }
      }
      f = f.hashNext;
    }
    if (f != null && now - f.lastNanos > (emergency ? emergencyNanos : timeoutNanos)[classOf(f)]) {
      remove(
          f,
          FlowEndReason.TIMEOUT); // timed out since the last sweep: this packet starts a new flow
      f = null;
      toServer = true;
    }
    if (f == null) {
      f = obtain(now);
      if (f == null) return null; // memcap reached: the packet goes on without a flow
      f.ipVersion = ver;
      f.proto = proto;
      f.vlan0 = v0;
      f.vlan1 = v1;
      f.depth = depth;
      f.cHi = sHi;
      f.cLo = sLo;
      f.cPort = sp;
      f.sHi = dHi;
      f.sLo = dLo;
      f.sPort = dp;
      f.hash = h;
      f.id = FlowHash.idOf(h, now, sHi * 31 + sLo + ((long) sp << 48));
      f.startNanos = now;
      f.lastNanos = now; // a record kept ready holds no time of its earlier flow
      f.state = FlowState.NEW;
      f.hashNext = buckets[b];
      buckets[b] = f;
      f.inTable = true;
      f.owner = this;
      size++;
      stats.created++;
      switch (protoClass(proto)) {
        case FlowConfig.TCP -> stats.tcp++;
        case FlowConfig.UDP -> stats.udp++;
        case FlowConfig.ICMP -> stats.icmp++;
        default -> stats.other++;
      }
      stats.active = size;
      if (size > stats.peak) stats.peak = size;
    }
    f.lastNanos = Math.max(f.lastNanos, now);
    count(f, p, toServer, true);
    relink(f);
    p.setFlow(f, toServer);
    return f;
  }

  /**
   * True when {@code p} is an ICMPv4 error reporting on a flow of this table ({@link #handle} then
   * counts it with that flow, else with the ICMP flow of its own addresses).
   */
  public boolean hasQuotedFlow(FlowPacket p) {
    return p.hasIcmpEmbedded() && quotedFlow(p, p.vlanId0(), p.vlanId1(), p.tunnelDepth()) != null;
  }

  /**
   * The existing flow of the packet quoted by an ICMPv4 destination unreachable, either direction,
   * or null.
   */
  private Flow quotedFlow(FlowPacket p, int v0, int v1, int depth) {
    int proto = p.icmpEmbeddedProto();
    long a = p.icmpEmbeddedSrc(), b = p.icmpEmbeddedDst();
    int ap = p.icmpEmbeddedSrcPort(), bp = p.icmpEmbeddedDstPort();
    int h = FlowHash.hash(4, proto, 0, a, ap, 0, b, bp, v0, v1, depth);
    for (Flow f = buckets[h & mask]; f != null; f = f.hashNext) {
      if (f.hash != h
          || f.proto != proto
          || f.ipVersion != 4
          || f.vlan0 != v0
          || f.vlan1 != v1
          || f.depth != depth) {
        continue;
      }
      if ((f.cLo == a && f.cPort == ap && f.sLo == b && f.sPort == bp)
          || (f.cLo == b && f.cPort == bp && f.sLo == a && f.sPort == ap)) {
        return f;
      }
    }
    return null;
  }

  private void count(Flow f, FlowPacket p, boolean toServer, boolean updateState) {
    int len = p.length();
    if (toServer) {
      f.pktsToServer++;
      f.bytesToServer += len;
    } else {
      f.pktsToClient++;
      f.bytesToClient += len;
      if (updateState && f.state == FlowState.NEW) f.state = FlowState.ESTABLISHED;
    }
    if (updateState && p.isTcp()) {
      int fl = p.tcpFlags();
      if (toServer) f.tcpFlagsToServer |= fl;
      else f.tcpFlagsToClient |= fl;
      if ((fl & TCP_RST) != 0) f.state = FlowState.CLOSED;
      if ((fl & TCP_FIN) != 0) {
        if (toServer) f.finToServer = true;
        else f.finToClient = true;
        if (f.finToServer && f.finToClient) f.state = FlowState.CLOSED;
      }
    }
  }

  /**
   * Ends the flow of p (reason TIMEOUT, as for a session that is over) and starts a new one for p,
   * its sender being the client: for the TCP tracker when a SYN reuses the ports of a finished
   * session.
   */
  public Flow restart(FlowPacket p) {
    Flow old = p.flow();
    if (old != null && old.inTable && old.owner == this) remove(old, FlowEndReason.TIMEOUT);
    p.setFlow(null, false);
    Flow n = handle(p);
    if (n != null && old != null && n.id == old.id)
      n.id = FlowHash.idOf(n.hash, old.id, 0); // same key, same start time: a new id all the same
    return n;
  }

  /**
   * Capture time advances to {@code now} (a packet that can have a flow was seen): at most once per
   * second of capture time, flows whose timeout passed are ended. A run mode whose flows are split
   * over several tables sends every table the capture time of every packet (see {@link #sweepDue})
   * so timeouts fire as with one table.
   */
  public void tick(long now) {
    tick(now, null);
  }

  /**
   * As {@link #tick(long)}, telling {@code order} (null: nobody) of each flow before it ends: class
   * after class, each class's flows by their stamps (see {@link #stamp}).
   */
  public void tick(long now, FlushOrder order) {
    if (sweepDue(lastSweepNanos, now)) {
      lastSweepNanos = now;
      expire(now, order);
    }
  }

  /** True when a table that last swept at {@code last} sweeps at packet time {@code now}. */
  public static boolean sweepDue(long last, long now) {
    return now - last >= 1_000_000_000L || now < last;
  }

  /** Ends every flow whose timeout has passed at packet time now. */
  public void expire(long now) {
    expire(now, null);
  }

  private void expire(long now, FlushOrder order) {
    for (int c = 0; c < CLASSES; c++) {
      long to = emergency ? emergencyNanos[c] : timeoutNanos[c];
      while (true) {
        Flow f = lruHead[c];
        if (f == null || f.lastNanos + to > now) break;
        if (classOf(f) != c) relink(f); // state changed from outside: move it to its own list
        else end(f, c, FlowEndReason.TIMEOUT, order);
      }
    }
    if (emergency && recovered()) {
      emergency = false;
      stats.emergencyOver++;
    }
  }

  /**
   * Emergency mode may end: the free part of the budget is at least {@code emergency-recovery} of
   * the cap, or this table holds nothing more to give up.
   */
  private boolean recovered() {
    long cap = memory.cap();
    return cap <= 0 || memory.used() <= cap * (1 - config.emergencyRecovery()) || size == 0;
  }

  /** Ends all flows (end of a capture file, or shutdown). */
  public void flushAll(FlowEndReason reason) {
    flushAll(reason, null);
  }

  /**
   * As {@link #flushAll(FlowEndReason)}, telling {@code order} (null: nobody) of each flow before
   * it ends: class after class, each class's flows by their stamps (see {@link #stamp}).
   */
  public void flushAll(FlowEndReason reason, FlushOrder order) {
    for (int c = 0; c < CLASSES; c++) {
      while (lruHead[c] != null) end(lruHead[c], c, reason, order);
    }
    stampBase = -1;
  }

  /**
   * Where the thread's work stands in the run's order: a flow moved to the end of its class's list
   * from now on carries it, so tables of several threads can tell the single table's order.
   */
  public void stamp(long order) {
    if (stampBase < 0) stampBase = order;
    stamp = (int) Math.clamp(order - stampBase, 0, Integer.MAX_VALUE);
  }

  /**
   * The cap is reached: emergency mode (its shorter timeouts) expires what it can; when that frees
   * no record, this table's least recently seen flow is evicted. Emergency mode stays on until
   * enough of the budget is free again ({@link #recovered}).
   */
  private void makeRoom(long now) {
    if (!emergency) {
      emergency = true;
      stats.emergencyEvictions++;
    }
    expire(now);
    if (spare.isEmpty() && !memory.fits(FlowConfig.FLOW_BYTES)) {
      Flow oldest = null;
      for (int c = 0; c < CLASSES; c++) {
        Flow h = lruHead[c];
        if (h != null && (oldest == null || h.lastNanos < oldest.lastNanos)) oldest = h;
      }
      if (oldest != null) remove(oldest, FlowEndReason.EVICTED);
    }
    if (emergency && recovered()) {
      emergency = false;
      stats.emergencyOver++;
    }
  }

  private void end(Flow f, int c, FlowEndReason reason, FlushOrder order) {
    if (order != null) order.next(c, stampBase + f.lruStamp);
    remove(f, reason);
  }

  private void remove(Flow f, FlowEndReason reason) {
    unlinkLru(f);
    int b = f.hash & mask;
    Flow cur = buckets[b], prev = null;
    while (cur != null && cur != f) {
      prev = cur;
      cur = cur.hashNext;
    }
    if (cur != null) {
      if (prev == null) buckets[b] = f.hashNext;
      else prev.hashNext = f.hashNext;
    }
    size--;
    stats.active = size;
    switch (reason) {
      case TIMEOUT -> stats.timedOut++;
      case EVICTED -> stats.evicted++;
      case END_OF_CAPTURE -> stats.endOfCapture++;
    }
    listener.flowEnded(f, reason);
    f.clear();
    if (spare.size() < spareMax || (emergency && spare.isEmpty())) {
      spare.push(f); // kept ready (still accounted); in emergency mode for the flow that waits
    } else {
      memory.release(FlowConfig.FLOW_BYTES);
      noteMemory();
    }
  }

  /** Called by {@link Flow#setState}: moves the flow to the list of its new timeout class. */
  void stateChanged(Flow f) {
    if (f.lruClass != classOf(f)) relink(f);
  }

  private static int protoClass(int proto) {
    return switch (proto) {
      case PROTO_TCP -> FlowConfig.TCP;
      case PROTO_UDP -> FlowConfig.UDP;
      case PROTO_ICMP, PROTO_ICMPV6 -> FlowConfig.ICMP;
      default -> FlowConfig.OTHER;
    };
  }

  private static int classOf(Flow f) {
    return protoClass(f.proto) * 3 + f.state.ordinal();
  }

  private void relink(Flow f) {
    unlinkLru(f);
    int c = classOf(f);
    f.lruClass = c;
    f.lruStamp = stamp;
    f.lruPrev = lruTail[c];
    f.lruNext = null;
    if (lruTail[c] != null) lruTail[c].lruNext = f;
    else lruHead[c] = f;
    lruTail[c] = f;
  }

  private void unlinkLru(Flow f) {
    int c = f.lruClass;
    if (c < 0) return;
    if (f.lruPrev != null) f.lruPrev.lruNext = f.lruNext;
    else lruHead[c] = f.lruNext;
    if (f.lruNext != null) f.lruNext.lruPrev = f.lruPrev;
    else lruTail[c] = f.lruPrev;
    f.lruPrev = f.lruNext = null;
    f.lruClass = -1;
  }
}
