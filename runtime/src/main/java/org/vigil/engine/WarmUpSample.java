package org.vigil.engine;

import java.nio.file.Path;
import java.util.List;

/** What a live run's warm-up runs through its throwaway chain before the sockets open. */
public sealed interface WarmUpSample {
  /** No warm-up: the first live packets meet code the JIT has not compiled yet. */
  record None() implements WarmUpSample {}

  /**
   * Built-in synthetic traffic ({@link org.vigil.acquire.synthetic.SyntheticTraffic}) of {@code
   * flows} conversations: the default when the operator gives no sample.
   */
  record BuiltIn(int flows) implements WarmUpSample {
    /** The default size: enough packets for the JIT to compile the packet path and the matchers. */
    public static final int DEFAULT_FLOWS = 3000;

    public BuiltIn {
      if (flows <= 0) {
        throw new IllegalArgumentException("a built-in warm-up needs flows: " + flows);
      }
    }

    /** The default built-in warm-up. */
    public BuiltIn() {
      this(DEFAULT_FLOWS);
    }
  }

  /** The operator's sample of the sensor's traffic: these capture files, in this order. */
  record Captures(List<Path> files) implements WarmUpSample {
    public Captures {
      files = List.copyOf(files);
    }
  }
}
