package org.vigil.flow;

/**
 * Typed key of one per-flow attachment (stream tracker, app-layer state, flowbits), made by {@link
 * FlowSlots}.
 */
public final class FlowSlot<T> {
  final int index;
  private final String name;
  private final Class<T> type;

  FlowSlot(int index, String name, Class<T> type) {
    this.index = index;
    this.name = name;
    this.type = type;
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public String toString() {
    return "FlowSlot[" + name + "#" + index + "]";
  }
}
