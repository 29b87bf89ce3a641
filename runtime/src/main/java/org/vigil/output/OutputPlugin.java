package org.vigil.output;

import java.io.IOException;

/**
 * A kind of output, found with {@link java.util.ServiceLoader}: a jar that lists its class in
 * {@code META-INF/services/org.vigil.output.OutputPlugin} adds an output that the {@code outputs}
 * config section can enable by {@link #name()}.
 */
public interface OutputPlugin {

  /** The name under {@code outputs:} in vigil.yaml, e.g. "eve-log". */
  String name();

  /** Opens the output for a log directory with its config section. */
  EventSink open(OutputContext context) throws IOException;
}
