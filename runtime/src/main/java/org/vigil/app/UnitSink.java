package org.vigil.app;

/** Where an app layer reports its ready units: the inspector runs detection on each at once. */
@FunctionalInterface
public interface UnitSink {
  /** Runs detection on {@code unit}. */
  void inspect(AppUnit unit);
}
