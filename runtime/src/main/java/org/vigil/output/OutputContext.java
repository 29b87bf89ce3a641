package org.vigil.output;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an {@link OutputPlugin} gets when it is opened: the log directory and its own config section
 * ({@code outputs.<name>} of vigil.yaml, keys as written there).
 *
 * @param logDir the run's log directory (exists)
 * @param name the plugin's name, for error messages ({@code outputs.<name>.<key>})
 * @param settings the plugin's config section
 * @param instance null for the run's single set of outputs; a thread's name when each output thread
 *     opens its own files ({@link #fileName} then puts it into file names)
 */
public record OutputContext(
    Path logDir, String name, Map<String, Object> settings, String instance) {

  /** The context of the run's single set of outputs. */
  public OutputContext(Path logDir, String name, Map<String, Object> settings) {
    this(logDir, name, settings, null);
  }

  /**
   * The file this output writes: the {@code filename} setting (or {@code dflt}) in the log
   * directory, with {@code .<instance>} before the extension for a per-thread instance ({@code
   * eve.json} becomes {@code eve.w1.json}).
   */
  public Path fileName(String dflt) {
    String f = string("filename", dflt);
    if (instance != null) {
      int dot = f.lastIndexOf('.');
      f = dot > 0 ? f.substring(0, dot) + "." + instance + f.substring(dot) : f + "." + instance;
    }
    return logDir.resolve(f);
  }

  /** A string setting, or {@code dflt} when absent. */
  public String string(String key, String dflt) {
    Object v = settings.get(key);
    return v == null ? dflt : v.toString();
  }

  /** A yes/no setting (yes/no/true/false/on/off), or {@code dflt} when absent. */
  public boolean flag(String key, boolean dflt) {
    Object v = settings.get(key);
    if (v == null) {
      return dflt;
    }
    return switch (v.toString().toLowerCase(java.util.Locale.ROOT)) {
      case "yes", "true", "on", "1" -> true;
      case "no", "false", "off", "0" -> false;
      default -> throw new OutputConfigException(key(key), "expected yes or no, got '" + v + "'");
    };
  }

  /** The full config key of a setting, for messages. */
  public String key(String key) {
    return "outputs." + name + "." + key;
  }
}
