package org.vigil.stream;

import java.util.ArrayList;
import java.util.List;
import org.vigil.stream.policy.OverlapPolicy;

/**
 * Test-only reference model of overlap resolution, written byte by byte without the engine's data
 * structures: each stored segment keeps its range; a new segment's byte replaces a stored byte when
 * the policy says so against any stored segment covering it; a segment adding no byte is not kept.
 * Used as a differential oracle.
 */
final class OverlapModel {
  private OverlapModel() {}

  /** The stream after sending {@code segs} (offset, data) in order; '_' where nothing arrived. */
  static String apply(OverlapPolicy policy, List<int[]> ranges, List<String> data) {
    List<int[]> kept = new ArrayList<>();
    int size = 0;
    for (int k = 0; k < ranges.size(); k++) {
      size = Math.max(size, ranges.get(k)[0] + data.get(k).length());
    }
    char[] bytes = new char[size];
    boolean[] have = new boolean[size];
    int max = 0;
    for (int k = 0; k < ranges.size(); k++) {
      int s = ranges.get(k)[0];
      int e = s + data.get(k).length();
      boolean added = false;
      for (int i = s; i < e; i++) {
        char c = data.get(k).charAt(i - s);
        boolean covered = false;
        boolean replace = false;
        for (int[] seg : kept) {
          if (seg[0] <= i && i < seg[1]) {
            covered = true;
            OverlapPolicy.Start st =
                s < seg[0]
                    ? OverlapPolicy.Start.BEFORE
                    : s == seg[0] ? OverlapPolicy.Start.SAME : OverlapPolicy.Start.AFTER;
            replace |= policy.newDataWins(st, Integer.compare(e, seg[1]));
          }
        }
        if (!covered) {
          added = true;
        }
        if (!covered || replace) {
          bytes[i] = c;
          have[i] = true;
        }
      }
      if (added) {
        kept.add(new int[] {s, e});
      }
      max = Math.max(max, e);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < max; i++) {
      sb.append(have[i] ? bytes[i] : '_');
    }
    return sb.toString();
  }
}
