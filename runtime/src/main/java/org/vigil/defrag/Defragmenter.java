package org.vigil.defrag;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigil.decode.Bytes;
import org.vigil.decode.DecodeEvent;
import org.vigil.decode.Decoder;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.memory.NativeBlocks;

/**
 * IPv4 and IPv6 fragment reassembly. Fragments are kept per datagram (addresses, id, protocol,
 * VLANs), their bytes in native memory ({@link FragmentBlocks}); when the last byte arrives and
 * there is no hole, the datagram is rebuilt with the overlap policy of its destination host and
 * written into a fresh packet as a raw IP frame. DatagramTrackers time out on packet time. Memory
 * is bounded: fragment data (the malloc chunk of the block it is kept in) plus {@link
 * DefragFootprint#TRACKER_BYTES} per datagram count against {@code defrag.memcap} (the oldest
 * datagrams give way, else the fragment is dropped), the number of datagrams by {@code
 * defrag.trackers} and of fragments by {@code defrag.max-frags}. A fragment's block is freed when
 * its datagram completes, is evicted or times out, and at {@link #clear}; a defragmenter dropped
 * without {@link #clear} has its blocks freed once it is unreachable.
 */
public final class Defragmenter {
  /** Idle trackers kept for reuse at most. */
  private static final int SPARE_TRACKERS = 1024;

  private final DefragConfig config;
  private final PathStats stats;
  private final FragPolicyResolver resolver;
  private final LinkedHashMap<DatagramKey, DatagramTracker> trackers =
      new LinkedHashMap<>(16, 0.75f, true);
  private long memory;
  private int fragsHeld;
  private long lastSweep;
  private final int[] owner = new int[65536];
  private int[] order = new int[64];
  private final FragmentBlocks blocks = new FragmentBlocks();
  private final ArrayDeque<DatagramTracker> spare = new ArrayDeque<>();
  private DatagramKeeper keeper;
  private int lastDecision;
  private int lastEnd;
  private boolean lastFits;
  private long fragmentsStored;
  private long fragmentsLeft;
  private long storedPeak;

  public Defragmenter(DefragConfig config, PathStats stats, FragPolicyResolver resolver) {
    this.config = config;
    this.stats = stats;
    this.resolver = resolver;
    LinkedHashMap<DatagramKey, DatagramTracker> held = trackers;
    NativeBlocks.reclaim(this, () -> held.values().forEach(Defragmenter::freeBlocks));
  }

  /**
   * Asks {@code k}, at each datagram's first fragment, whether this defragmenter keeps its bytes
   * (null: it keeps every datagram's).
   */
  public void setKeeper(DatagramKeeper k) {
    this.keeper = k;
    if (k != null) {
      blocks.trimWhenShrunk();
    }
  }

  /**
   * The keeper's decision for the datagram the last {@link #add} completed: negative ({@link
   * DatagramKeeper#OWN}) when it rebuilt it as the only one (true), a positive tag when it
   * completed without its bytes here (false: another defragmenter rebuilds it), else {@link
   * DatagramKeeper#KEEP}.
   */
  public int lastDecision() {
    return lastDecision;
  }

  /** The payload length of the datagram the last {@link #add} completed (rebuilt or not). */
  public int lastEnd() {
    return lastEnd;
  }

  /**
   * Whether the length of the datagram the last {@link #add} completed fits its header's length
   * field (IPv4 total length, IPv6 payload length); rebuilt, one that does not is no valid IP
   * packet.
   */
  public boolean lastFits() {
    return lastFits;
  }

  /**
   * Fragments whose bytes this defragmenter copied (before and after their datagram's decision).
   */
  public long fragmentsStored() {
    return fragmentsStored;
  }

  /** Fragments of datagrams the keeper left to another defragmenter: their bytes were not kept. */
  public long fragmentsLeft() {
    return fragmentsLeft;
  }

  /** The most bytes of fragment blocks held at once. */
  public long nativeBytesPeak() {
    return storedPeak;
  }

  /** Datagrams waiting for more fragments. */
  public int pending() {
    return trackers.size();
  }

  /** Bytes the held datagrams and fragments take (see {@link DefragFootprint}). */
  public long memory() {
    return memory;
  }

  /** Bytes of the native blocks holding fragments (0 when no fragment is held). */
  public long nativeBytes() {
    return blocks.heldBytes();
  }

  /**
   * Adds the decoded fragment frag (isFragment() true). When it completes its datagram, the
   * reassembled IP datagram is written into out (frame, length, link type IPv4/IPv6 raw, frag's
   * timestamp and capture name; record number 0, as Suricata gives reassembled packets none) and
   * true is returned; out must then be decoded like any packet. Anomalies (overlap, too large) are
   * events on frag.
   */
  public boolean add(Packet frag, Packet out, Decoder events) {
    lastDecision = DatagramKeeper.KEEP;
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
    DatagramKey key =
        new DatagramKey(
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
    DatagramTracker t = trackers.get(key);
    if (t != null && t.n >= config.maxFragmentsPerDatagram()) {
      events.event(frag, v4 ? DecodeEvent.IPV4_FRAG_IGNORED : DecodeEvent.IPV6_FRAG_IGNORED);
      stats.fragmentsDropped++;
      return false;
    }
    if (fragsHeld >= config.maxFrags()) {
      stats.defragMaxFragHits++;
      stats.fragmentsDropped++;
      return false;
    }
    long need = DefragFootprint.fragmentBytes(len);
    int slots = t == null ? DefragFootprint.INITIAL_SLOTS : t.starts.length;
    if (t == null) {
      need += DefragFootprint.TRACKER_BYTES;
    } else if (t.n == slots) {
      need += DefragFootprint.slotGrowthBytes(slots);
    }
    if (start == 0 && (t == null || t.headerLen < 0)) {
      int hlen = v4 ? frag.ipHeaderLength() : frag.fragHeaderOffset() - frag.l3Offset();
      int had = t == null ? DefragFootprint.INITIAL_HEADER : t.header.length;
      if (hlen > had) {
        need += DefragFootprint.arrayBytes(hlen) - DefragFootprint.arrayBytes(had);
      }
    }
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
      DatagramTracker idle = spare.pollFirst();
      FragPolicy policy = resolver.policyFor(frag.ipVersion(), frag.dstHi(), frag.dstLo());
      t = (idle != null ? idle : new DatagramTracker()).reset(policy);
      trackers.put(key, t);
    }
    t.lastNanos = now;
    byte[] b = frag.data();
    for (int i = 0; i < t.n; i++) {
      if (start < t.ends[i] && end > t.starts[i]) {
        events.event(frag, v4 ? DecodeEvent.IPV4_FRAG_OVERLAP : DecodeEvent.IPV6_FRAG_OVERLAP);
        break;
      }
    }
    if (start == 0 && t.headerLen < 0 && keeper != null) {
      t.decision = keeper.decide(frag);
      if (t.decision > 0) {
        fragmentsLeft += t.n;
        dropBytes(t);
      }
    }
    if (t.decision > 0) {
      fragmentsLeft++;
      t.addFrag(start, end, 0);
    } else {
      t.addFrag(start, end, keep(b, frag, len));
    }
    if (start == 0 && t.headerLen < 0) {
      int l3 = frag.l3Offset();
      int hlen = v4 ? frag.ipHeaderLength() : frag.fragHeaderOffset() - l3;
      if (t.header.length < hlen) {
        t.header = new byte[hlen];
      }
      t.headerLen = hlen;
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
    if (t.end < 0 || t.headerLen < 0 || !complete(t)) return false;
    lastDecision = t.decision;
    lastEnd = t.end;
    lastFits = t.headerLen + t.end - (v4 ? 0 : 40) <= 65535;
    if (t.decision > 0) {
      remove(key, t);
      stats.reassembled++;
      return false;
    }
    build(t, v4, frag, out);
    remove(key, t);
    stats.reassembled++;
    return true;
  }

  private long keep(byte[] b, Packet frag, int len) {
    long block = blocks.copyOf(b, frag.ipPayloadOffset(), len);
    fragmentsStored++;
    storedPeak = Math.max(storedPeak, blocks.heldBytes());
    return block;
  }

  /** Frees the bytes {@code t} holds; its fragments stay counted (offsets and memory). */
  private void dropBytes(DatagramTracker t) {
    for (int i = 0; i < t.n; i++) {
      if (t.data[i] != 0) {
        blocks.free(t.data[i], t.ends[i] - t.starts[i]);
        t.data[i] = 0;
      }
    }
  }

  /**
   * Writes the datagram of first fragment {@code frag} (offset 0) as if it ended with that fragment
   * into {@code out}, as {@link #add} writes a rebuilt one: what its transport header says (its
   * flow, whether it is a tunnel or an ICMP error), for a {@link DatagramKeeper} to decode.
   */
  public static void writeFirstAlone(Packet frag, Packet out) {
    boolean v4 = frag.ipVersion() == 4;
    int l3 = frag.l3Offset();
    int hl = v4 ? frag.ipHeaderLength() : frag.fragHeaderOffset() - l3;
    int len = frag.ipPayloadLength();
    byte[] o = out.ensureCapacity(hl + len);
    System.arraycopy(frag.data(), l3, o, 0, hl);
    System.arraycopy(frag.data(), frag.ipPayloadOffset(), o, hl, len);
    finishHeader(o, v4, hl, hl + len, frag.fragNextHeaderFieldOffset() - l3, frag.ipProto());
    out.setFrame(
        hl + len,
        hl + len,
        frag.timestampNanos(),
        v4 ? LinkTypes.IPV4 : LinkTypes.IPV6,
        0,
        frag.captureName());
  }

  private boolean complete(DatagramTracker t) {
    int n = t.n;
    if (order.length < n) order = new int[Math.max(n, order.length * 2)];
    for (int i = 0; i < n; i++) { // insertion sort of indices by start (fragment lists are short)
      int start = t.starts[i], j = i - 1;
      while (j >= 0 && t.starts[order[j]] > start) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = i;
    }
    int reach = 0;
    for (int i = 0; i < n; i++) {
      int f = order[i];
      if (t.starts[f] > reach) return false;
      reach = Math.max(reach, t.ends[f]);
      if (reach >= t.end) return true;
    }
    return reach >= t.end;
  }

  private void build(DatagramTracker t, boolean v4, Packet frag, Packet out) {
    int hl = t.headerLen;
    int total = hl + t.end;
    byte[] o = out.ensureCapacity(total);
    System.arraycopy(t.header, 0, o, 0, hl);
    Arrays.fill(owner, 0, t.end, -1);
    for (int i = 0; i < t.n; i++) { // which fragment's byte each offset takes, by the policy
      int fs = t.starts[i];
      int fe = t.ends[i];
      int e = Math.min(fe, t.end);
      for (int x = fs; x < e; x++) {
        int w = owner[x];
        if (w < 0 || t.policy.newWins(fs, fe, t.starts[w], t.ends[w])) {
          owner[x] = i;
        }
      }
    }
    for (int x = 0; x < t.end; ) { // copied in runs of offsets one fragment owns
      int f = owner[x];
      int r = x + 1;
      while (r < t.end && owner[r] == f) r++;
      if (f >= 0) {
        int fs = t.starts[f];
        FragmentBlocks.read(t.data[f], t.ends[f] - fs, x - fs, o, hl + x, r - x);
      }
      x = r;
    }
    finishHeader(o, v4, hl, total, t.nhFieldInHeader, t.nextHeader);
    // like Suricata's reassembled pseudo packet: no record number of its own (pcap_cnt null in EVE)
    out.setFrame(
        total,
        total,
        frag.timestampNanos(),
        v4 ? LinkTypes.IPV4 : LinkTypes.IPV6,
        0,
        frag.captureName());
  }

  /** The length, offset and checksum (IPv4) or payload length and next header (IPv6) fields. */
  private static void finishHeader(
      byte[] o, boolean v4, int hl, int total, int nhField, int nextHeader) {
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
      o[nhField] = (byte) nextHeader;
    }
  }

  /** Drops datagrams not completed within the timeout (packet time). */
  public void expire(long now) {
    long to = config.timeoutSeconds() * 1_000_000_000L;
    Iterator<Map.Entry<DatagramKey, DatagramTracker>> it = trackers.entrySet().iterator();
    while (it.hasNext()) {
      DatagramTracker t = it.next().getValue();
      if (t.lastNanos + to > now) continue;
      forget(t);
      stats.fragmentsTimedOut++;
      it.remove();
    }
    noteMemory();
  }

  /** Returns {@code t}'s memory, frees its fragments, and keeps it and its arrays for reuse. */
  private void forget(DatagramTracker t) {
    memory -= t.memory;
    fragsHeld -= t.n;
    dropBytes(t);
    t.n = 0;
    if (spare.size() < SPARE_TRACKERS) {
      spare.addFirst(t);
    }
  }

  private void noteMemory() {
    stats.defragMemuse = memory;
    if (memory > stats.defragMemusePeak) stats.defragMemusePeak = memory;
  }

  /** Gives up the least recently used datagram ({@code defrag.trackers} reached). */
  private void evictOldest() {
    Iterator<Map.Entry<DatagramKey, DatagramTracker>> it = trackers.entrySet().iterator();
    if (it.hasNext()) {
      forget(it.next().getValue());
      stats.fragmentsEvicted++;
      it.remove();
    }
  }

  private void evictFor(long need, DatagramTracker keep) {
    Iterator<Map.Entry<DatagramKey, DatagramTracker>> it =
        trackers.entrySet().iterator(); // access order: oldest first
    while (it.hasNext() && memory + need > config.memcapBytes()) {
      DatagramTracker t = it.next().getValue();
      if (t == keep) continue;
      forget(t);
      stats.fragmentsEvicted++;
      it.remove();
    }
  }

  private void remove(DatagramKey key, DatagramTracker t) {
    trackers.remove(key);
    forget(t);
    noteMemory();
  }

  /** Frees the blocks of a tracker left when its defragmenter became unreachable. */
  private static void freeBlocks(DatagramTracker t) {
    for (int i = 0; i < t.n; i++) {
      if (t.data[i] != 0) NativeBlocks.free(t.data[i]);
      t.data[i] = 0;
    }
    t.n = 0;
  }

  /** Forgets every pending datagram (end of a capture file). */
  public void clear() {
    for (DatagramTracker t : trackers.values()) {
      forget(t);
    }
    trackers.clear();
    memory = 0;
    fragsHeld = 0;
    noteMemory();
  }
}
