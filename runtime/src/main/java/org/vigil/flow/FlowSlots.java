package org.vigil.flow;

import java.util.ArrayList;
import java.util.List;

/** Registry of the attachment slots later stages hang on flows; one per engine, filled at setup. */
public final class FlowSlots {
  private final List<FlowSlot<?>> slots = new ArrayList<>();

  /** Registers a slot (names must be unique). */
  public synchronized <T> FlowSlot<T> register(String name, Class<T> type) {
    for (FlowSlot<?> s : slots) {
      if (s.name().equals(name))
        throw new IllegalArgumentException("flow slot already registered: " + name);
    }
    FlowSlot<T> s = new FlowSlot<>(slots.size(), name, type);
    slots.add(s);
    return s;
  }

  public synchronized int size() {
    return slots.size();
  }
}
