package org.vigil.app.smb;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;

/**
 * SMB as a registered app-layer protocol: a NetBIOS session message with SMB's magic (see {@link
 * SmbDetection}).
 */
public final class SmbProtocol implements AppProtocol {
  @Override
  public String name() {
    return "smb";
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  public int probeBytes() {
    return SmbDetection.PROBE_BYTES;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return SmbDetection.probe(b, off, len);
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    return new SmbLayer(context.control());
  }
}
