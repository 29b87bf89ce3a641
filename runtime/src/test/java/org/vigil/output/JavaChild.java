package org.vigil.output;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: the command line that runs a main class in a new JVM with this JVM's class path and
 * module flags.
 */
public final class JavaChild {
  private JavaChild() {}

  /** {@code java <flags> -cp <classpath> mainClass args...}. */
  public static List<String> command(Class<?> mainClass, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-")
          || a.startsWith("--enable-native-access")
          || a.startsWith("--sun-misc")
          || a.startsWith("-Dchronicle")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }
}
