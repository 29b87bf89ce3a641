package org.vigil.tools.fidelity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two multisets of alerts (expected from the oracle, actual from Vigil) and reports
 * recall, precision and the first differences.
 */
final class AlertComparison {
  private final Map<AlertKey, Integer> missing =
      new TreeMap<>(java.util.Comparator.comparing(AlertKey::toString));
  private final Map<AlertKey, Integer> extra =
      new TreeMap<>(java.util.Comparator.comparing(AlertKey::toString));
  private final int expectedCount;
  private final int actualCount;
  private final int matched;

  AlertComparison(Collection<AlertKey> expected, Collection<AlertKey> actual) {
    Map<AlertKey, Integer> exp = count(expected);
    Map<AlertKey, Integer> act = count(actual);
    int m = 0;
    for (var e : exp.entrySet()) {
      int got = act.getOrDefault(e.getKey(), 0);
      m += Math.min(got, e.getValue());
      if (got < e.getValue()) {
        missing.put(e.getKey(), e.getValue() - got);
      }
    }
    for (var a : act.entrySet()) {
      int want = exp.getOrDefault(a.getKey(), 0);
      if (a.getValue() > want) {
        extra.put(a.getKey(), a.getValue() - want);
      }
    }
    this.expectedCount = expected.size();
    this.actualCount = actual.size();
    this.matched = m;
  }

  private static Map<AlertKey, Integer> count(Collection<AlertKey> keys) {
    Map<AlertKey, Integer> m = new HashMap<>();
    for (AlertKey k : keys) {
      m.merge(k, 1, Integer::sum);
    }
    return m;
  }

  /** Share of expected alerts that Vigil raised (1.0 when nothing was expected). */
  double recall() {
    return expectedCount == 0 ? 1.0 : (double) matched / expectedCount;
  }

  /** Share of Vigil's alerts that the oracle also raised (1.0 when Vigil raised none). */
  double precision() {
    return actualCount == 0 ? 1.0 : (double) matched / actualCount;
  }

  Map<AlertKey, Integer> missing() {
    return missing;
  }

  Map<AlertKey, Integer> extra() {
    return extra;
  }

  /** A human summary: counts, recall, precision and up to {@code limit} differences each way. */
  String summary(int limit) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "expected %d, actual %d, matched %d: recall %.4f, precision %.4f",
            expectedCount, actualCount, matched, recall(), precision()));
    missing.entrySet().stream()
        .limit(limit)
        .forEach(e -> lines.add("  missing x" + e.getValue() + " " + e.getKey()));
    extra.entrySet().stream()
        .limit(limit)
        .forEach(e -> lines.add("  extra   x" + e.getValue() + " " + e.getKey()));
    return String.join("\n", lines);
  }
}
