package org.vigil.thread.module;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;

/**
 * The thread modules a layout may name: the built-in ones of the run (flow, detect) and the plugins
 * found with {@link ServiceLoader} ({@link ThreadModuleProvider}) on the class path.
 */
public final class ThreadModules {
  private final Map<String, Supplier<ThreadModule>> builtins;
  private final Map<String, ThreadModuleProvider> plugins = new LinkedHashMap<>();
  private final VigilConfig config;

  /** The built-in {@code builtins} and every plugin {@code loader} finds. */
  public ThreadModules(
      Map<String, Supplier<ThreadModule>> builtins, ClassLoader loader, VigilConfig config) {
    this.builtins = builtins;
    this.config = config;
    for (ThreadModuleProvider p : ServiceLoader.load(ThreadModuleProvider.class, loader)) {
      if (!builtins.containsKey(p.name())) {
        plugins.putIfAbsent(p.name(), p);
      }
    }
  }

  /**
   * A new instance of module {@code name} for one thread; {@code key} names the setting in the
   * error.
   */
  public ThreadModule create(String name, String key) {
    Supplier<ThreadModule> b = builtins.get(name);
    if (b != null) {
      return b.get();
    }
    ThreadModuleProvider p = plugins.get(name);
    if (p == null) {
      TreeSet<String> known = new TreeSet<>(builtins.keySet());
      known.addAll(plugins.keySet());
      throw new ConfigException(
          key + ": unknown thread module '" + name + "' (known: " + String.join(", ", known) + ")");
    }
    return p.create(config);
  }
}
