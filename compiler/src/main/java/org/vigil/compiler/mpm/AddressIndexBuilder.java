package org.vigil.compiler.mpm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.vigil.detect.api.AddressSet;
import org.vigil.detect.artifact.AddressIndex;

/**
 * Builds an {@link AddressIndex} from rules and the address set of the header side they are keyed
 * by: the IPv4 space is cut at every interval boundary of every set, each elementary interval lists
 * the rules whose set covers it; rules with IPv6 addresses in their set go to the IPv6 list.
 */
public final class AddressIndexBuilder {
  /**
   * Most elementary intervals one rule may be listed in; a rule whose set is cut into more (a wide
   * set crossed by many other rules' boundaries) is left out of the index: see {@link #leftOut()}.
   */
  public static final int MAX_SPAN = 1024;

  private final List<Integer> rules = new ArrayList<>();
  private final List<Integer> leftOut = new ArrayList<>();
  private final List<AddressSet> sets = new ArrayList<>();

  /**
   * Adds rule {@code rule}, a candidate only when the inspection's address on its key side is in
   * {@code set}.
   */
  public void add(int rule, AddressSet set) {
    rules.add(rule);
    sets.add(set);
  }

  /** True when no rule was added. */
  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * Rules {@link #build()} left out of the index (too wide): the caller must make them always
   * candidates.
   */
  public List<Integer> leftOut() {
    return leftOut;
  }

  /** Builds the tables; rules are listed in ascending order within each interval. */
  public AddressIndex build() {
    if (rules.isEmpty()) {
      return AddressIndex.empty();
    }
    TreeSet<Long> bounds = new TreeSet<>();
    bounds.add(0L);
    List<long[]> v4 = new ArrayList<>();
    List<Integer> v6 = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      long[] iv = sets.get(i).v4Intervals();
      v4.add(iv);
      for (int k = 0; k < iv.length; k += 2) {
        bounds.add(iv[k]);
        if (iv[k + 1] < 0xffffffffL) {
          bounds.add(iv[k + 1] + 1);
        }
      }
      if (sets.get(i).hasV6()) {
        v6.add(rules.get(i));
      }
    }
    long[] starts = bounds.stream().mapToLong(Long::longValue).toArray();
    int n = starts.length;
    // per elementary interval the rules covering it: mark [first, last] interval ranges per set
    int[] counts = new int[n + 1];
    List<int[]> ranges = new ArrayList<>();
    List<Integer> v6Kept = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      long[] iv = v4.get(i);
      List<int[]> own = new ArrayList<>();
      long span = 0;
      for (int k = 0; k < iv.length; k += 2) {
        int first = Arrays.binarySearch(starts, iv[k]);
        int last =
            iv[k + 1] >= 0xffffffffL ? n - 1 : Arrays.binarySearch(starts, iv[k + 1] + 1) - 1;
        own.add(new int[] {rules.get(i), first, last});
        span += last - first + 1;
      }
      if (span > MAX_SPAN) {
        leftOut.add(rules.get(i));
        continue;
      }
      if (sets.get(i).hasV6()) {
        v6Kept.add(rules.get(i));
      }
      for (int[] r : own) {
        ranges.add(r);
        for (int e = r[1]; e <= r[2]; e++) {
          counts[e + 1]++;
        }
      }
    }
    int[] list = new int[n + 1];
    for (int e = 0; e < n; e++) {
      list[e + 1] = list[e] + counts[e + 1];
    }
    int[] out = new int[list[n]];
    int[] fill = Arrays.copyOf(list, n);
    ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
    for (int[] r : ranges) {
      for (int e = r[1]; e <= r[2]; e++) {
        out[fill[e]++] = r[0];
      }
    }
    int[] flipped = new int[n];
    for (int e = 0; e < n; e++) {
      flipped[e] = (int) starts[e] ^ 0x80000000;
    }
    return new AddressIndex(
        flipped, list, out, v6Kept.stream().mapToInt(Integer::intValue).sorted().toArray());
  }
}
