package org.vigil.thread.module;

import org.vigil.config.VigilConfig;

/**
 * A thread module plugin, found with {@link java.util.ServiceLoader} on the class path (listed in
 * {@code META-INF/services/org.vigil.thread.module.ThreadModuleProvider}): named in the {@code
 * threading} section of vigil.yaml, it is made once per worker thread.
 */
public interface ThreadModuleProvider {
  /** The name the configuration uses. */
  String name();

  /** A new instance for one thread; {@code config} is the run's configuration. */
  ThreadModule create(VigilConfig config);
}
