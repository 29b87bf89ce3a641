package org.vigil.output;

/** A bad output setting; the message names the config key. */
public final class OutputConfigException extends IllegalArgumentException {
  private final String key;

  /** A bad value at {@code key}, explained by {@code message}. */
  public OutputConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  /** The config key at fault, e.g. {@code outputs.alert-log.roll-cycle}. */
  public String key() {
    return key;
  }
}
