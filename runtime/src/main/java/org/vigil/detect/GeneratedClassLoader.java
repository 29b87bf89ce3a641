package org.vigil.detect;

import java.util.Map;

/** Defines the generated rule classes of one ruleset from their bytes (child of the runtime's loader). */
final class GeneratedClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> classes;

  GeneratedClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
    super("vigil-ruleset", parent);
    this.classes = classes;
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
