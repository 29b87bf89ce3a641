package org.vigil.detect;

import java.util.Collection;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.vigil.detect.api.KeywordPlugin;

/**
 * The rule keyword plugins available to a compile or a ruleset load, by keyword name: found with
 * {@link ServiceLoader} on a class loader, or given explicitly (tests, embedding). Immutable.
 */
public final class KeywordPlugins {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_.\\-]*");
  private static final KeywordPlugins NONE = new KeywordPlugins(Map.of());

  private final Map<String, KeywordPlugin> byName;

  private KeywordPlugins(Map<String, KeywordPlugin> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** No plugins. */
  public static KeywordPlugins none() {
    return NONE;
  }

  /**
   * The given plugins; an {@link IllegalStateException} names a plugin with an invalid name or two
   * plugins claiming one keyword.
   */
  public static KeywordPlugins of(Collection<? extends KeywordPlugin> plugins) {
    Map<String, KeywordPlugin> m = new TreeMap<>();
    for (KeywordPlugin p : plugins) {
      String n = p.name();
      if (n == null || !NAME.matcher(n).matches()) {
        throw new IllegalStateException(
            "keyword plugin "
                + p.getClass().getName()
                + " has an invalid keyword name '"
                + n
                + "' (lower case letters, digits, '_', '.', '-', not starting with a digit)");
      }
      if (p.version() == null || p.version().isBlank()) {
        throw new IllegalStateException(
            "keyword plugin " + p.getClass().getName() + " (" + n + ") has no version");
      }
      KeywordPlugin old = m.putIfAbsent(n, p);
      if (old != null && old.getClass() != p.getClass()) {
        throw new IllegalStateException(
            "keyword '"
                + n
                + "' is claimed by two plugins: "
                + old.getClass().getName()
                + " and "
                + p.getClass().getName());
      }
    }
    return new KeywordPlugins(m);
  }

  /**
   * The plugins listed in {@code META-INF/services/org.vigil.detect.api.KeywordPlugin} files that
   * {@code loader} sees; an {@link IllegalStateException} says which one cannot be loaded or
   * clashes.
   */
  public static KeywordPlugins load(ClassLoader loader) {
    java.util.List<KeywordPlugin> found = new java.util.ArrayList<>();
    try {
      for (KeywordPlugin p : ServiceLoader.load(KeywordPlugin.class, loader)) {
        found.add(p);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a keyword plugin cannot be loaded: " + e.getMessage(), e);
    }
    return found.isEmpty() ? NONE : of(found);
  }

  /**
   * The plugins on the class path: {@link #load} with the thread's context class loader (or this
   * class's).
   */
  public static KeywordPlugins fromClassPath() {
    ClassLoader l = Thread.currentThread().getContextClassLoader();
    return load(l != null ? l : KeywordPlugins.class.getClassLoader());
  }

  /** The plugin of keyword {@code name}, or null. */
  public KeywordPlugin find(String name) {
    return byName.get(name);
  }

  /** The keyword names, sorted. */
  public Set<String> names() {
    return new java.util.TreeSet<>(byName.keySet());
  }

  /** True when there is no plugin. */
  public boolean isEmpty() {
    return byName.isEmpty();
  }
}
