package org.vigil.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The configuration tree as YAML gives it: the bundled defaults, a file, merged, and key=value
 * overrides.
 */
final class YamlTree {
  private YamlTree() {}

  static Map<String, Object> readDefaults() {
    try (InputStream in = VigilConfig.class.getResourceAsStream(VigilConfig.DEFAULTS)) {
      if (in == null) {
        throw new ConfigException(
            "built-in defaults " + VigilConfig.DEFAULTS + " are missing from the runtime jar");
      }
      return asMap(
          new Load(LoadSettings.builder().build()).loadFromInputStream(in), VigilConfig.DEFAULTS);
    } catch (IOException e) {
      throw new ConfigException("cannot read built-in defaults: " + e.getMessage(), e);
    }
  }

  static Map<String, Object> readFile(Path p) {
    try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      Object doc =
          new Load(LoadSettings.builder().setLabel(p.toString()).build()).loadFromReader(r);
      if (doc == null) {
        return new LinkedHashMap<>();
      }
      return asMap(doc, p.toString());
    } catch (IOException e) {
      throw new ConfigException(p + ": cannot read: " + e.getMessage(), e);
    } catch (YamlEngineException e) {
      throw new ConfigException(p + ": invalid YAML: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object doc, String where) {
    if (!(doc instanceof Map<?, ?> m)) {
      throw new ConfigException(where + ": the top level must be a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object v = e.getValue();
      out.put(String.valueOf(e.getKey()), v instanceof Map<?, ?> ? asMap(v, where) : v);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> into, Map<String, Object> from, String prefix) {
    for (Map.Entry<String, Object> e : from.entrySet()) {
      Object old = into.get(e.getKey());
      if (old instanceof Map<?, ?> om && e.getValue() instanceof Map<?, ?> nm) {
        merge((Map<String, Object>) om, (Map<String, Object>) nm, prefix + e.getKey() + ".");
      } else {
        into.put(e.getKey(), e.getValue());
      }
    }
  }

  @SuppressWarnings("unchecked")
  static void set(Map<String, Object> tree, String key, String value) {
    String[] parts = key.split("\\.");
    Map<String, Object> m = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].isEmpty()) {
        throw new ConfigException("--set " + key + ": empty key segment");
      }
      Object next = m.get(parts[i]);
      if (next == null) {
        next = new LinkedHashMap<String, Object>();
        m.put(parts[i], next);
      } else if (!(next instanceof Map)) {
        throw new ConfigException(
            "--set "
                + key
                + ": '"
                + String.join(".", java.util.Arrays.copyOf(parts, i + 1))
                + "' is a value, not a section");
      }
      m = (Map<String, Object>) next;
    }
    String last = parts[parts.length - 1];
    if (last.isEmpty()) {
      throw new ConfigException("--set " + key + ": empty key segment");
    }
    if (m.get(last) instanceof Map) {
      throw new ConfigException("--set " + key + ": '" + key + "' is a section, not a value");
    }
    m.put(last, value(key, value));
  }

  /**
   * An override's value: a YAML flow sequence ({@code [alert, http]}) becomes a list, as it would
   * in the file; anything else stays the string given.
   */
  private static Object value(String key, String value) {
    String v = value.strip();
    if (!(v.startsWith("[") && v.endsWith("]"))) {
      return value;
    }
    try {
      Object list =
          new Load(LoadSettings.builder().setLabel("--set " + key).build()).loadFromString(v);
      if (list instanceof java.util.List<?>) {
        return list;
      }
    } catch (YamlEngineException e) {
      throw new ConfigException("--set " + key + ": invalid list " + v + ": " + e.getMessage(), e);
    }
    return value;
  }
}
