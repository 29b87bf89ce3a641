package org.vigil.engine;

import java.util.Locale;
import org.vigil.config.ConfigException;

/** The named thread layouts of {@code vigil run --runmode} and {@code threading.runmode}. */
public enum RunMode {
  /** One thread does everything. */
  SINGLE,
  /**
   * A reader decodes and defragments; N threads, fed by flow hash, each do flow, stream, detection
   * and write alerts.
   */
  WORKERS,
  /** A reader; N flow-pinned workers; one output thread that serializes alerts and logs. */
  AUTOFP,
  /** The layout of vigil.yaml's {@code threading.workers} list. */
  CUSTOM;

  /** The mode named {@code name} (case-insensitive); {@code key} names the setting in the error. */
  public static RunMode parse(String name, String key) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          key + ": unknown run mode '" + name + "' (single, workers, autofp, custom)");
    }
  }
}
