package org.vigil.detect;

import java.util.Map;
import org.vigil.detect.api.KeywordPlugin;
import org.vigil.detect.api.PluginStates;
import org.vigil.detect.api.RuleGuard;

/**
 * Defines the generated rule classes of one ruleset from their bytes (child of the runtime's
 * loader), and hands them the prepared state of their keyword plugin options and the ruleset's
 * {@link RuleGuard}.
 */
final class GeneratedClassLoader extends ClassLoader implements PluginStates, RuleGuard.Host {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> classes;
  private final Map<Long, KeywordPlugin.Prepared> pluginStates;
  private final RuleGuard guard;

  GeneratedClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
    this(parent, classes, Map.of(), RuleGuard.defaults());
  }

  GeneratedClassLoader(
      ClassLoader parent,
      Map<String, byte[]> classes,
      Map<Long, KeywordPlugin.Prepared> pluginStates,
      RuleGuard guard) {
    super("vigil-ruleset", parent);
    this.classes = classes;
    this.pluginStates = Map.copyOf(pluginStates);
    this.guard = guard;
  }

  @Override
  public RuleGuard ruleGuard() {
    return guard;
  }

  /** The key of option {@code option} of rule {@code rule}. */
  static long key(int rule, int option) {
    return ((long) rule << 32) | (option & 0xffffffffL);
  }

  @Override
  public KeywordPlugin.Prepared pluginState(int rule, int option) {
    KeywordPlugin.Prepared p = pluginStates.get(key(rule, option));
    if (p == null) {
      throw new IllegalStateException(
          "corrupt ruleset: no keyword plugin state for option " + option + " of rule " + rule);
    }
    return p;
  }

  /** Whether a generated class refers to {@code type} (its descriptor is in the class's bytes). */
  boolean names(Class<?> type) {
    byte[] needle =
        ("L" + type.getName().replace('.', '/') + ";")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (byte[] b : classes.values()) {
      if (indexOf(b, needle) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] b = classes.get(name);
    if (b == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, b, 0, b.length);
  }
}
