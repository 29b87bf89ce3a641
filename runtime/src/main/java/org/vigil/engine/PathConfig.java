package org.vigil.engine;

import org.vigil.decode.DecodeConfig;
import org.vigil.defrag.DefragConfig;
import org.vigil.flow.FlowConfig;

/** Settings of the packet path: decoders, defragmentation and flow table. */
public record PathConfig(DecodeConfig decode, DefragConfig defrag, FlowConfig flow) {
  /** Suricata's defaults for reading capture files. */
  public static PathConfig defaults() {
    return new PathConfig(DecodeConfig.defaults(), DefragConfig.defaults(), FlowConfig.defaults());
  }
}
