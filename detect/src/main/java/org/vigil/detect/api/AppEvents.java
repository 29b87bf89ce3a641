package org.vigil.detect.api;

import java.util.List;

/**
 * The app-layer events a rule can test with {@code app-layer-event:<proto>.<event>} (Suricata's
 * names), each with its bit in the {@link Buffers#APP_EVENTS} buffer: the events Vigil's parsers
 * raise. The compiler lowers the keyword onto that bit; an app layer sets the bits of a
 * transaction's events with {@link #set}.
 */
public final class AppEvents {
  private AppEvents() {}

  /** The buffer's size in bytes (room for 8 × BYTES events). */
  public static final int BYTES = Buffers.APP_EVENT_BYTES;

  private static final List<String> NAMES = Buffers.APP_EVENT_NAMES;

  /** The bit of event {@code name} ("http.missing_host_header"), or -1 when none has it. */
  public static int id(String name) {
    return NAMES.indexOf(name);
  }

  /** Every event name, by id. */
  public static List<String> names() {
    return NAMES;
  }

  /** Sets the bit of event {@code name} in {@code buffer} (nothing for an unknown name). */
  public static void set(byte[] buffer, String name) {
    int id = id(name);
    if (id >= 0) {
      buffer[id >>> 3] |= (byte) (1 << (id & 7));
    }
  }
}
