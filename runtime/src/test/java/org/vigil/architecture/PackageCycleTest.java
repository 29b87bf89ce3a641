package org.vigil.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code org.vigil} packages of the runtime's main sources form no cycle: the import graph
 * (imports and fully qualified names in code, comments and strings left out) has no strongly
 * connected component of more than one package.
 */
class PackageCycleTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+(org\\.vigil[\\w.]*)\\s*;", Pattern.MULTILINE);

  /** A reference: lower-case segments (the package), then a type (upper case) or a wildcard. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\borg\\.vigil((?:\\.[a-z_][a-z0-9_]*)*)\\.(?:[A-Z]|\\*)");

  @Test
  void runtimePackagesHaveNoCycle() throws IOException {
    Map<String, Map<String, String>> graph = graph(SOURCES);
    assertTrue(graph.size() > 10, "the runtime's packages were read: " + graph.keySet());
    List<Set<String>> cycles = cycles(graph);
    StringBuilder why = new StringBuilder();
    for (Set<String> c : cycles) {
      why.append("\ncycle between ").append(c).append(':');
      for (String from : c) {
        for (Map.Entry<String, String> to : graph.get(from).entrySet()) {
          if (c.contains(to.getKey())) {
            why.append("\n  ")
                .append(from)
                .append(" -> ")
                .append(to.getKey())
                .append(" (")
                .append(to.getValue())
                .append(')');
          }
        }
      }
    }
    assertEquals(List.of(), cycles, why.toString());
  }

  @Test
  void theCheckFindsACycle() {
    Map<String, Map<String, String>> g = new TreeMap<>();
    g.put("a", new TreeMap<>(Map.of("b", "A.java")));
    g.put("b", new TreeMap<>(Map.of("c", "B.java")));
    g.put("c", new TreeMap<>(Map.of("a", "C.java")));
    g.put("d", new TreeMap<>(Map.of("a", "D.java")));
    assertEquals(List.of(Set.of("a", "b", "c")), cycles(g));
    assertEquals(
        List.of("org.vigil.x", "org.vigil.y.z"),
        references(
            "import org.vigil.x.A;\n// org.vigil.q.B\nclass C { org.vigil.y.z.D d; String s = \"org.vigil.w.E\"; }"));
  }

  /** Package → (package it uses → a file that uses it). */
  static Map<String, Map<String, String>> graph(Path root) throws IOException {
    Map<String, Map<String, String>> graph = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path f : files) {
      String text = Files.readString(f);
      Matcher pm = PACKAGE.matcher(text);
      if (!pm.find()) {
        continue;
      }
      String from = pm.group(1);
      Map<String, String> out = graph.computeIfAbsent(from, k -> new TreeMap<>());
      for (String to : references(text)) {
        if (!to.equals(from)) {
          out.putIfAbsent(to, root.relativize(f).toString());
        }
      }
    }
    return graph;
  }

  /**
   * The {@code org.vigil} packages {@code source} refers to in code (not in comments or strings).
   */
  static List<String> references(String source) {
    String code = stripCommentsAndStrings(source).replaceAll("(?m)^package\\s+[\\w.]+\\s*;", "");
    Set<String> found = new TreeSet<>();
    Matcher m = REFERENCE.matcher(code);
    while (m.find()) {
      found.add("org.vigil" + m.group(1));
    }
    return new ArrayList<>(found);
  }

  private static String stripCommentsAndStrings(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length() : end + 2;
        out.append(' ');
      } else if (s.startsWith("//", i)) {
        int end = s.indexOf('\n', i);
        i = end < 0 ? s.length() : end;
      } else if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        i = end < 0 ? s.length() : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c) {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * The strongly connected components of more than one node (Tarjan), each sorted, in order of
   * their first node.
   */
  static List<Set<String>> cycles(Map<String, Map<String, String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, onStack, out, counter);
      }
    }
    out.sort((a, b) -> a.iterator().next().compareTo(b.iterator().next()));
    return out;
  }

  private static void connect(
      String v,
      Map<String, Map<String, String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> out,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component);
      }
    }
  }
}
