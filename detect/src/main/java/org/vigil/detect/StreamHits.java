package org.vigil.detect;

import java.util.Arrays;
import java.util.function.LongPredicate;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.PatternHits;
import org.vigil.detect.artifact.Prefilter;

/**
 * The pattern occurrences the packet scans of one direction of a TCP flow found in payload bytes
 * the stream holds, kept until the raw stream chunk holding those bytes is inspected: that chunk's
 * scan takes them instead of reading the packets' bytes again, and scans only the bytes no kept
 * packet covers and the seams between packets, where a pattern may run from one packet into the
 * next (the longest pattern's length less one on each side).
 *
 * <p>The chunk's candidates are those of a scan of it. An occurrence at position {@code s} of a
 * packet at stream offset {@code o} lies at {@code s + o - c} in a chunk starting at stream offset
 * {@code c <= o}, and the packet scan reports every occurrence a chunk scan needs there: a scan
 * stops reporting a pattern only once it was found at or past the start where each of its rules
 * accepted it or can no longer, or once it is past the last start any of its rules accepts, and
 * positions in the chunk are the packet's plus {@code o - c}, so those stops hold in the chunk too.
 * The packet scan looks for the patterns of the rules the chunk evaluates (with its own), with the
 * same groups' prefilters; the caller vouches for the bytes: a packet is kept only when the stream
 * holds its payload as sent, and the kept scans are used only while the stream's store and stamp
 * are those they were made under (the stamp changes when stored bytes may read differently).
 *
 * <p>Bounded: at most {@link #MAX_RECORDS} packets and {@link #MAX_HITS} occurrences are kept (a
 * packet with more is not kept), and every byte it holds is reserved first from the budget it was
 * made with (the stream memcap of its session: {@link #INITIAL_BYTES} to be made, each growth of
 * its arrays after); a growth the budget refuses leaves the packet unkept, which costs its chunk a
 * scan, never a candidate. {@link #bytes} is what to give back when it is dropped. Not thread-safe:
 * one per flow direction, used by the flow's detector.
 */
public final class StreamHits extends PatternHits {
  static final int MAX_RECORDS = 32;
  static final int MAX_HITS = 1024;

  /** The object itself on a 64-bit JVM with compressed references, its fields rounded up. */
  private static final int OBJECT_BYTES = 112;

  private static final int INITIAL_RECORDS = 4;
  private static final int INITIAL_HITS = 16;

  /** The bytes a new instance holds: the object and its first arrays. */
  public static final long INITIAL_BYTES =
      OBJECT_BYTES + recordBytes(INITIAL_RECORDS) + hitBytes(INITIAL_HITS);

  /** Reserves more bytes for growth; false when the budget has no room. */
  private final LongPredicate reserve;

  /** Bytes held now, all reserved from {@link #reserve}. */
  private long bytes = INITIAL_BYTES;

  private static final int IDLE = 0;
  private static final int RECORD = 1;
  private static final int ANSWER = 2;

  /** What the next inspection's payload is: a packet to keep, a chunk to answer, or neither. */
  private int mode = IDLE;

  /** Stream offset of the next inspection's first payload byte, and its length (a chunk's). */
  private long at;

  private int chunkLen;

  /** The stream's store and stamp as the next inspection's payload was read from it. */
  private Object store;

  private long stamp;

  /** What every kept scan was made with: the store and stamp, the prefilters and the scope. */
  private Object keptStore;

  private long keptStamp;
  private Prefilter mine;
  private Prefilter theirs;
  private int scope;

  /** The kept packets: stream offset, length, end of their occurrences in {@link #pats}. */
  private long[] starts = new long[INITIAL_RECORDS];

  private int[] lens = new int[INITIAL_RECORDS];
  private int[] hitEnds = new int[INITIAL_RECORDS];
  private int records;

  /** The kept occurrences, packet after packet: pattern and position in its packet. */
  private int[] pats = new int[INITIAL_HITS];

  private int[] positions = new int[INITIAL_HITS];
  private int hits;

  /** The packet being scanned has more occurrences than can be kept (or than the budget lets). */
  private boolean overflow;

  /** The kept packets inside a chunk, by stream offset; as long as {@link #starts}. */
  private int[] order = new int[INITIAL_RECORDS];

  /** Kept scans with no budget (benchmarks and tests). */
  public StreamHits() {
    this(n -> true);
  }

  private StreamHits(LongPredicate reserve) {
    this.reserve = reserve;
  }

  /**
   * Kept scans whose memory {@code reserve} grants (reserving {@link #INITIAL_BYTES} now), or null
   * when it has no room for them.
   */
  public static StreamHits within(LongPredicate reserve) {
    return reserve.test(INITIAL_BYTES) ? new StreamHits(reserve) : null;
  }

  /** The bytes this holds, all reserved from its budget: what to give back when it is dropped. */
  public long bytes() {
    return bytes;
  }

  /** Arrays of {@code n} kept packets: starts, lengths, occurrence ends and their order. */
  private static long recordBytes(int n) {
    return (16 + 8L * n) + 3 * (16 + 4L * n);
  }

  /** Arrays of {@code n} kept occurrences: patterns and positions. */
  private static long hitBytes(int n) {
    return 2 * (16 + 4L * n);
  }

  /** Reserves {@code more} bytes of growth; false when the budget refuses them. */
  private boolean grow(long more) {
    if (!reserve.test(more)) {
      return false;
    }
    bytes += more;
    return true;
  }

  /**
   * The next inspection's payload is a packet's, held by the stream from {@code offset} exactly as
   * sent; the stream's store {@code store} had stamp {@code stamp} after the packet was stored.
   */
  public void packet(long offset, Object store, long stamp) {
    arm(RECORD, offset, 0, store, stamp);
  }

  /**
   * The next inspection's payload is a raw stream chunk of {@code len} bytes from stream offset
   * {@code offset}, read from store {@code store} at stamp {@code stamp}.
   */
  public void chunk(long offset, int len, Object store, long stamp) {
    arm(ANSWER, offset, len, store, stamp);
  }

  private void arm(int mode, long offset, int len, Object store, long stamp) {
    this.mode = mode;
    this.at = offset;
    this.chunkLen = len;
    this.store = store;
    this.stamp = stamp;
  }

  /** Forgets every kept scan (a flow's end). */
  public void clear() {
    mode = IDLE;
    store = null;
    keptStore = null;
    mine = null;
    theirs = null;
    records = 0;
    hits = 0;
  }

  /** Packets kept now. */
  public int records() {
    return records;
  }

  boolean recording() {
    return mode == RECORD;
  }

  boolean answering() {
    return mode == ANSWER;
  }

  /**
   * The inspection armed for is over: after a chunk the scans of the packets it held are dropped
   * (every packet ending by its end), and all of them when the stream's bytes may have changed.
   */
  void finish() {
    if (mode == ANSWER) {
      if (store != keptStore || stamp != keptStamp) {
        records = 0;
        hits = 0;
      } else {
        drop(at + chunkLen);
      }
    }
    mode = IDLE;
    store = null;
  }

  /**
   * Scans a packet's payload {@code data[off .. off+len)} as {@link ScanMemo} scans a buffer, for
   * the patterns of the rules of {@code scope}, keeping what it finds.
   */
  void record(
      Prefilter mine,
      Prefilter theirs,
      byte[] data,
      int off,
      int len,
      CandidateSet out,
      byte[] ruleScopes,
      int scope) {
    if (store != keptStore
        || stamp != keptStamp
        || mine != this.mine
        || theirs != this.theirs
        || scope != this.scope) {
      records = 0;
      hits = 0;
      keptStore = store;
      keptStamp = stamp;
      this.mine = mine;
      this.theirs = theirs;
      this.scope = scope;
    }
    if (records == MAX_RECORDS) {
      dropFirst();
    }
    int first = hits;
    overflow = false;
    ScanMemo.scan(mine, theirs, data, off, 0, len, out, ruleScopes, scope, this);
    if (overflow) {
      hits = first; // a packet found too much to keep: its chunk scans its bytes
      return;
    }
    if (records == starts.length) {
      if (grow(recordBytes(2 * records) - recordBytes(records))) {
        starts = Arrays.copyOf(starts, 2 * records);
        lens = Arrays.copyOf(lens, 2 * records);
        hitEnds = Arrays.copyOf(hitEnds, 2 * records);
        order = new int[2 * records];
      } else {
        dropFirst(); // no room for more packets: the oldest makes room (its chunk scans it)
      }
    }
    starts[records] = at;
    lens[records] = len;
    hitEnds[records] = hits;
    records++;
  }

  @Override
  protected void hit(int p, int start) {
    if (mode != RECORD || overflow) {
      return;
    }
    if (hits == MAX_HITS) {
      overflow = true;
      return;
    }
    if (hits == pats.length) {
      if (!grow(hitBytes(2 * hits) - hitBytes(hits))) {
        overflow = true;
        return;
      }
      pats = Arrays.copyOf(pats, 2 * hits);
      positions = Arrays.copyOf(positions, 2 * hits);
    }
    pats[hits] = p;
    positions[hits] = start;
    hits++;
  }

  /**
   * Adds the candidates of a scan of the chunk {@code data[off .. off+len)} for the rules of {@code
   * scope} to {@code out}, from the kept packets it holds and a scan of the rest; returns the
   * number of bytes scanned.
   */
  int answer(
      Prefilter mine,
      Prefilter theirs,
      byte[] data,
      int off,
      int len,
      CandidateSet out,
      byte[] ruleScopes,
      int scope) {
    int n = 0;
    if (records > 0
        && store == keptStore
        && stamp == keptStamp
        && mine == this.mine
        && theirs == this.theirs
        && ScanMemo.covers(this.scope, scope)) {
      n = inside(len);
    }
    if (n == 0) {
      ScanMemo.scan(mine, theirs, data, off, 0, len, out, ruleScopes, scope, null);
      return len;
    }
    int reach =
        Math.max(
                mine == null ? 0 : mine.longestPattern(),
                theirs == null ? 0 : theirs.longestPattern())
            - 1;
    Prefilter reporter = mine != null ? mine : theirs;
    Prefilter other = mine != null ? theirs : null;
    int scanned = 0;
    // the bytes still to scan: [from, to), grown while the next range touches it
    int from = -1;
    int to = -1;
    int lastEnd = 0;
    boolean any = false;
    for (int i = 0; i < n; i++) {
      int r = order[i];
      int rs = (int) (starts[r] - at);
      if (any && rs < lastEnd) {
        continue; // overlaps a packet taken (a retransmission): its bytes are that one's
      }
      // the bytes before this packet, and the seam with the one before
      int a = any ? Math.max(0, lastEnd - reach) : 0;
      int b = Math.min(len, rs + reach);
      if (rs > 0 || any) {
        if (from >= 0 && a <= to) {
          to = Math.max(to, b);
        } else {
          scanned += flush(mine, theirs, data, off, from, to, out, ruleScopes, scope);
          from = a;
          to = b;
        }
      }
      int shift = rs;
      for (int h = r == 0 ? 0 : hitEnds[r - 1], end = hitEnds[r]; h < end; h++) {
        reporter.reportHit(other, pats[h], positions[h] + shift, out);
      }
      lastEnd = rs + lens[r];
      any = true;
    }
    if (lastEnd < len) {
      int a = Math.max(0, lastEnd - reach);
      if (from >= 0 && a <= to) {
        to = len;
      } else {
        scanned += flush(mine, theirs, data, off, from, to, out, ruleScopes, scope);
        from = a;
        to = len;
      }
    }
    scanned += flush(mine, theirs, data, off, from, to, out, ruleScopes, scope);
    return scanned;
  }

  private static int flush(
      Prefilter mine,
      Prefilter theirs,
      byte[] data,
      int off,
      int from,
      int to,
      CandidateSet out,
      byte[] ruleScopes,
      int scope) {
    if (from < 0 || to <= from) {
      return 0;
    }
    ScanMemo.scan(mine, theirs, data, off, from, to, out, ruleScopes, scope, null);
    return to - from;
  }

  /**
   * Puts in {@link #order} the kept packets lying wholly in the chunk of {@code len} bytes at
   * {@link #at}, by stream offset; returns how many.
   */
  private int inside(int len) {
    int n = 0;
    long end = at + len;
    for (int r = 0; r < records; r++) {
      if (starts[r] >= at && starts[r] + lens[r] <= end) {
        int j = n++;
        while (j > 0 && starts[order[j - 1]] > starts[r]) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = r;
      }
    }
    return n;
  }

  /** Drops the kept packets ending by stream offset {@code end}. */
  private void drop(long end) {
    int w = 0;
    int h = 0;
    for (int r = 0; r < records; r++) {
      int first = r == 0 ? 0 : hitEnds[r - 1];
      if (starts[r] + lens[r] <= end) {
        continue;
      }
      int count = hitEnds[r] - first;
      System.arraycopy(pats, first, pats, h, count);
      System.arraycopy(positions, first, positions, h, count);
      h += count;
      starts[w] = starts[r];
      lens[w] = lens[r];
      hitEnds[w] = h;
      w++;
    }
    records = w;
    hits = h;
  }

  /** Drops the oldest kept packet. */
  private void dropFirst() {
    int count = hitEnds[0];
    System.arraycopy(pats, count, pats, 0, hits - count);
    System.arraycopy(positions, count, positions, 0, hits - count);
    hits -= count;
    records--;
    System.arraycopy(starts, 1, starts, 0, records);
    System.arraycopy(lens, 1, lens, 0, records);
    for (int r = 0; r < records; r++) {
      hitEnds[r] = hitEnds[r + 1] - count;
    }
  }
}
