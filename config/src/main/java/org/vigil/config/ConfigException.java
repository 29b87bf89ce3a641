package org.vigil.config;

/** A configuration problem; the message names the offending key or file. */
public final class ConfigException extends RuntimeException {
  /** A problem described by {@code message} (which names the key). */
  public ConfigException(String message) {
    super(message);
  }

  /** A problem with a cause (I/O, YAML syntax). */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
