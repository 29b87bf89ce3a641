package org.vigil.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** stats.json read as maps, with dotted-path lookups whose keys may themselves hold dots. */
public final class StatsJson {
  private StatsJson() {}

  public static Map<String, Object> read(Path file) throws IOException {
    return org.vigil.testing.Json.readObject(file);
  }

  public static Map<String, Object> parse(String text) throws IOException {
    return org.vigil.testing.Json.object(text);
  }

  public static long number(Map<String, Object> m, String path) {
    Object cur = m;
    String[] parts = path.split("\\.(?=[^.])");
    // thread and queue names may hold dots ("v4.in"): match the longest key at each level
    int i = 0;
    while (i < parts.length) {
      if (!(cur instanceof Map<?, ?> map)) {
        throw new AssertionError("no " + path + " in " + m);
      }
      Object next = null;
      int used = 0;
      StringBuilder key = new StringBuilder();
      for (int j = i; j < parts.length; j++) {
        if (j > i) {
          key.append('.');
        }
        key.append(parts[j]);
        if (map.containsKey(key.toString())) {
          next = map.get(key.toString());
          used = j - i + 1;
        }
      }
      if (used == 0) {
        throw new AssertionError("no " + path + " in " + m);
      }
      cur = next;
      i += used;
    }
    return ((Number) cur).longValue();
  }
}
