package org.vigil.app.smb;

import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;

/**
 * SMB on one TCP flow: as Suricata 7 when it detects SMB, the session's reassembly depth becomes
 * unlimited (its SMB parser asks for stream depth 0), so raw inspection sees an SMB transfer past
 * the global depth. Vigil has no SMB parser: the data is not parsed further (no HTTP parsing
 * either), and raw inspection follows the usual timing.
 */
public final class SmbLayer implements AppLayer {
  /**
   * The SMB layer of a flow detected as SMB now: its reassembly depth is raised through {@code
   * control}.
   */
  public SmbLayer(AppControl control) {
    control.raiseReassemblyDepth(0);
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {}

  @Override
  public void onGap(boolean toServer, long length) {}

  @Override
  public void onClose(boolean toServer) {}
}
