package org.vigil.detect.artifact;

import java.util.Arrays;

/**
 * The candidate rules of one inspection: a bit set over global rule indexes, iterated in rule
 * order.
 */
public final class CandidateSet {
  private final long[] words;
  private int minWord = Integer.MAX_VALUE;
  private int maxWord = -1;

  /** A set able to hold rule indexes {@code 0 .. ruleCount-1}. */
  public CandidateSet(int ruleCount) {
    words = new long[(ruleCount + 63) >>> 6];
  }

  /** Per pattern of the prefilter being scanned: the scan in which it can add nothing more. */
  private int[] done = new int[0];

  private int scan;

  /**
   * The one-byte prefixes of the prefilter being scanned that can still add a candidate in this
   * scan, a bit per byte value.
   */
  private final long[] liveBytes = new long[4];

  private static final int SPENT_SLOTS = 16;

  /**
   * Prefix keys of the prefilter being scanned that can add no candidate for the rest of the scan,
   * direct-mapped by a hash of the key, each with its scan's {@link #spentTag} (0: empty), so that
   * a scan starts with none of the entries of the scans before it and without clearing them.
   */
  private final long[] spent = new long[SPENT_SLOTS];

  /** The scans numbered before the entries of both tables are cleared (the tag's 29 bits). */
  private static final int SCANS = 1 << 29;

  /** This scan's number above a prefix key's 35 bits. */
  private long spentTag;

  /** True when {@code key} (below 2^35) was {@link #spend spent} in this scan. */
  boolean spent(long key) {
    return spent[spentSlot(key)] == (key | spentTag);
  }

  /** Remembers for the rest of this scan that prefix {@code key} (below 2^35) can add nothing. */
  void spend(long key) {
    spent[spentSlot(key)] = key | spentTag;
  }

  private static int spentSlot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 60);
  }

  /**
   * Starts a prefilter scan over {@code patterns} patterns (see {@link #done}) whose one-byte
   * prefixes are the bits of {@code oneBytes} (four words); returns this scan's copy of them, from
   * which the scan clears the prefixes that can add nothing more.
   */
  long[] startScan(int patterns, long[] oneBytes) {
    if (done.length < patterns) {
      done = new int[Math.max(patterns, done.length * 2)];
    }
    if (++scan == SCANS) {
      Arrays.fill(done, 0);
      Arrays.fill(spent, 0L);
      scan = 1;
    }
    spentTag = (long) scan << 35;
    System.arraycopy(oneBytes, 0, liveBytes, 0, 4);
    return liveBytes;
  }

  /** True when pattern {@code p} was {@link #markDone marked done} in this scan. */
  boolean done(int p) {
    return done[p] == scan;
  }

  /** Remembers for the rest of this scan that pattern {@code p} can add no candidate. */
  void markDone(int p) {
    done[p] = scan;
  }

  /** Adds rule {@code r}. */
  public void add(int r) {
    int w = r >>> 6;
    words[w] |= 1L << r;
    if (w < minWord) {
      minWord = w;
    }
    if (w > maxWord) {
      maxWord = w;
    }
  }

  /** Adds every rule of {@code rules}. */
  public void addAll(int[] rules) {
    for (int r : rules) {
      add(r);
    }
  }

  /** True when rule {@code r} is a candidate. */
  public boolean contains(int r) {
    return (words[r >>> 6] & (1L << r)) != 0;
  }

  /** The smallest candidate {@code >= from}, or -1. */
  public int next(int from) {
    int w = from >>> 6;
    if (w > maxWord) {
      return -1;
    }
    if (w < minWord) {
      w = minWord;
      from = w << 6;
    }
    long bits = words[w] & (-1L << from);
    while (true) {
      if (bits != 0) {
        return (w << 6) + Long.numberOfTrailingZeros(bits);
      }
      if (++w > maxWord) {
        return -1;
      }
      bits = words[w];
    }
  }

  /** Number of candidates (for statistics). */
  public int size() {
    int n = 0;
    for (int w = minWord; w <= maxWord; w++) {
      n += Long.bitCount(words[w]);
    }
    return n;
  }

  /** Empties the set. */
  public void clear() {
    if (maxWord >= 0) {
      Arrays.fill(words, minWord, maxWord + 1, 0L);
    }
    minWord = Integer.MAX_VALUE;
    maxWord = -1;
  }
}
