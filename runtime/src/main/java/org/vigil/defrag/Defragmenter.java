package org.vigil.defrag;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.decode.Bytes;
import org.vigil.decode.DecodeEvent;
import org.vigil.decode.Decoder;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;

/**
 * IPv4 and IPv6 fragment reassembly. Fragments are kept per datagram (addresses, id, protocol,
 * VLANs); when the last byte arrives and there is no hole, the datagram is rebuilt with the overlap
 * policy of its destination host and written into a fresh packet as a raw IP frame. Trackers time
 * out on packet time. Memory is bounded: fragment data plus {@link #TRACKER_BYTES} per datagram
 * count against {@code defrag.memcap} (the oldest datagrams give way, else the fragment is
 * dropped), the number of datagrams by {@code defrag.trackers} and of fragments by {@code
 * defrag.max-frags}.
 */
public final class Defragmenter {
  private record Key(
      int version,
      long sHi,
      long sLo,
      long dHi,
      long dLo,
      int id,
      int proto,
      int vlan0,
      int vlan1,
      int depth) {}

  private record Frag(int start, int end, byte[] data) {}

  private static final class Tracker {
    final FragPolicy policy;
    final List<Frag> frags = new ArrayList<>();
    byte[] header; // IPv4 header or IPv6 unfragmentable part of the offset-0 fragment
    int nhFieldInHeader; // IPv6: where the next-header byte naming the fragment header sits in
    // header
    int nextHeader; // IPv6: protocol after the fragment header
    int end = -1; // datagram payload length once the last fragment arrived
    long lastNanos;
    long memory;

    Tracker(FragPolicy policy) {
      this.policy = policy;
    }
  }

  /** Bytes accounted per datagram being reassembled (tracker, key and table entry). */
  public static final int TRACKER_BYTES = 160;

  /** Bytes accounted per fragment beyond its data (record and list slot). */
  public static final int FRAGMENT_BYTES = 64;

  private final DefragConfig config;
  private final PathStats stats;
  private final FragPolicyResolver resolver;
  private final LinkedHashMap<Key, Tracker> trackers = new LinkedHashMap<>(16, 0.75f, true);
  private long memory;
  private int fragsHeld;
  private long lastSweep;
  private final int[] owner = new int[65536];
  private int[] order = new int[64];

  public Defragmenter(DefragConfig config, PathStats stats, FragPolicyResolver resolver) {
    this.config = config;
    this.stats = stats;
    this.resolver = resolver;
  }

  /** Datagrams waiting for more fragments. */
  public int pending() {
    return trackers.size();
  }

  /** Bytes of fragment data held. */
  public long memory() {
    return memory;
  }

  /**
   * Adds the decoded fragment frag (isFragment() true). When it completes its datagram, the
   * reassembled IP datagram is written into out (frame, length, link type IPv4/IPv6 raw, frag's
   * timestamp and capture name; record number 0, as Suricata gives reassembled packets none) and
   * true is returned; out must then be decoded like any packet. Anomalies (overlap, too large) are
   * events on frag.
   */
  public boolean add(Packet frag, Packet out, Decoder events) {
    long now = frag.timestampNanos();
    if (now - lastSweep >= 1_000_000_000L || now < lastSweep) {
      lastSweep = now;
      expire(now);
    }
    boolean v4 = frag.ipVersion() == 4;
    stats.fragments++;
    if (v4) stats.fragmentsIpv4++;
    else stats.fragmentsIpv6++;
    int start = frag.fragOffset();
    int len = frag.ipPayloadLength();
    int end = start + len;
    if (end > 65535) {
      events.event(
          frag, v4 ? DecodeEvent.IPV4_FRAG_PKT_TOO_LARGE : DecodeEvent.IPV6_FRAG_PKT_TOO_LARGE);
      stats.fragmentsDropped++;
      return false;
    }
    Key key =
        new Key(
            frag.ipVersion(),
            frag.srcHi(),
            frag.srcLo(),
            frag.dstHi(),
            frag.dstLo(),
            frag.ipId(),
            v4 ? frag.ipProto() : 0,
            frag.vlanId0(),
            frag.vlanId1(),
            frag.tunnelDepth());
    Tracker t = trackers.get(key);
    if (t != null && t.frags.size() >= config.maxFragmentsPerDatagram()) {
      events.event(frag, v4 ? DecodeEvent.IPV4_FRAG_IGNORED : DecodeEvent.IPV6_FRAG_IGNORED);
      stats.fragmentsDropped++;
      return false;
    }
    if (fragsHeld >= config.maxFrags()) {
      stats.defragMaxFragHits++;
      stats.fragmentsDropped++;
      return false;
    }
    long need =
        len
            + (start == 0 ? frag.ipPayloadOffset() - frag.l3Offset() : 0)
            + FRAGMENT_BYTES
            + (t == null ? TRACKER_BYTES : 0);
    if (memory + need > config.memcapBytes()) {
      stats.defragMemcapHits++;
      evictFor(need, t);
      if (memory + need > config.memcapBytes()) {
        stats.fragmentsDropped++;
        return false;
      }
    }
    if (t == null) {
      if (trackers.size() >= config.trackers()) {
        evictOldest();
      }
      t = new Tracker(resolver.policyFor(frag.ipVersion(), frag.dstHi(), frag.dstLo()));
      trackers.put(key, t);
    }
    t.lastNanos = now;
    byte[] b = frag.data();
    for (Frag f : t.frags) {
      if (start < f.end && end > f.start) {
        events.event(frag, v4 ? DecodeEvent.IPV4_FRAG_OVERLAP : DecodeEvent.IPV6_FRAG_OVERLAP);
        break;
      }
    }
    byte[] copy = new byte[len];
    System.arraycopy(b, frag.ipPayloadOffset(), copy, 0, len);
    t.frags.add(new Frag(start, end, copy));
    if (start == 0 && t.header == null) {
      int l3 = frag.l3Offset();
      int hlen = v4 ? frag.ipHeaderLength() : frag.fragHeaderOffset() - l3;
      t.header = new byte[hlen];
      System.arraycopy(b, l3, t.header, 0, hlen);
      if (!v4) {
        t.nhFieldInHeader = frag.fragNextHeaderFieldOffset() - l3;
        t.nextHeader = frag.ipProto();
      }
    }
    if (!frag.moreFragments() && t.end < 0) t.end = end;
    t.memory += need;
    memory += need;
    fragsHeld++;
    noteMemory();
    if (t.end < 0 || t.header == null || !complete(t)) return false;
    build(t, v4, frag, out);
    remove(key, t);
    stats.reassembled++;
    return true;
  }

  private boolean complete(Tracker t) {
    int n = t.frags.size();
    if (order.length < n) order = new int[Math.max(n, order.length * 2)];
    for (int i = 0; i < n; i++) { // insertion sort of indices by start (fragment lists are short)
      int start = t.frags.get(i).start, j = i - 1;
      while (j >= 0 && t.frags.get(order[j]).start > start) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = i;
    }
    int reach = 0;
    for (int i = 0; i < n; i++) {
      Frag f = t.frags.get(order[i]);
      if (f.start > reach) return false;
      reach = Math.max(reach, f.end);
      if (reach >= t.end) return true;
    }
    return reach >= t.end;
  }

  private void build(Tracker t, boolean v4, Packet frag, Packet out) {
    int hl = t.header.length;
    int total = hl + t.end;
    byte[] o = out.ensureCapacity(total);
    System.arraycopy(t.header, 0, o, 0, hl);
    java.util.Arrays.fill(owner, 0, t.end, -1);
    for (int i = 0; i < t.frags.size(); i++) {
      Frag f = t.frags.get(i);
      int e = Math.min(f.end, t.end);
      for (int x = f.start; x < e; x++) {
        int w = owner[x];
        if (w < 0 || t.policy.newWins(f.start, f.end, t.frags.get(w).start, t.frags.get(w).end)) {
          owner[x] = i;
          o[hl + x] = f.data[x - f.start];
        }
      }
    }
    if (v4) {
      o[2] = (byte) (total >>> 8);
      o[3] = (byte) total;
      o[6] = 0;
      o[7] = 0;
      o[10] = 0;
      o[11] = 0;
      int sum = Bytes.fold(Bytes.onesSum(o, 0, hl, 0));
      o[10] = (byte) (sum >>> 8);
      o[11] = (byte) sum;
    } else {
      int plen = total - 40;
      o[4] = (byte) (plen >>> 8);
      o[5] = (byte) plen;
      o[t.nhFieldInHeader] = (byte) t.nextHeader;
    }
    // like Suricata's reassembled pseudo packet: no record number of its own (pcap_cnt null in EVE)
    out.setFrame(
        total,
        total,
        frag.timestampNanos(),
        v4 ? LinkTypes.IPV4 : LinkTypes.IPV6,
        0,
        frag.captureName());
  }

  /** Drops datagrams not completed within the timeout (packet time). */
  public void expire(long now) {
    long to = config.timeoutSeconds() * 1_000_000_000L;
    Iterator<Map.Entry<Key, Tracker>> it = trackers.entrySet().iterator();
    while (it.hasNext()) {
      Tracker t = it.next().getValue();
      if (t.lastNanos + to > now) continue;
      forget(t);
      stats.fragmentsTimedOut++;
      it.remove();
    }
    noteMemory();
  }

  private void forget(Tracker t) {
    memory -= t.memory;
    fragsHeld -= t.frags.size();
  }

  private void noteMemory() {
    stats.defragMemuse = memory;
    if (memory > stats.defragMemusePeak) stats.defragMemusePeak = memory;
  }

  /** Gives up the least recently used datagram ({@code defrag.trackers} reached). */
  private void evictOldest() {
    Iterator<Map.Entry<Key, Tracker>> it = trackers.entrySet().iterator();
    if (it.hasNext()) {
      forget(it.next().getValue());
      stats.fragmentsEvicted++;
      it.remove();
    }
  }

  private void evictFor(long need, Tracker keep) {
    Iterator<Map.Entry<Key, Tracker>> it =
        trackers.entrySet().iterator(); // access order: oldest first
    while (it.hasNext() && memory + need > config.memcapBytes()) {
      Tracker t = it.next().getValue();
      if (t == keep) continue;
      forget(t);
      stats.fragmentsEvicted++;
      it.remove();
    }
  }

  private void remove(Key key, Tracker t) {
    trackers.remove(key);
    forget(t);
    noteMemory();
  }

  /** Forgets every pending datagram (end of a capture file). */
  public void clear() {
    trackers.clear();
    memory = 0;
    fragsHeld = 0;
    noteMemory();
  }
}
