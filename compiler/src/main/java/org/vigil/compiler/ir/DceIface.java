package org.vigil.compiler.ir;

import java.util.UUID;

/**
 * {@code dce_iface:uuid[,<|>|=|!version][,any_frag]}: the DCE/RPC interface bound; version null
 * when absent.
 */
public record DceIface(SourcePos pos, UUID uuid, NumericCheck version, boolean anyFrag)
    implements AppLayerOption {
  @Override
  public String keyword() {
    return "dce_iface";
  }
}
