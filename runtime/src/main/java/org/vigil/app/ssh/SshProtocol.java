package org.vigil.app.ssh;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;

/** SSH as a registered app-layer protocol: "SSH-" (any case) opening either direction, any port. */
public final class SshProtocol implements AppProtocol {
  @Override
  public String name() {
    return "ssh";
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public int probeBytes() {
    return SshDetection.PROBE_BYTES;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return SshDetection.probe(b, off, len);
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    return new SshLayer(context.control());
  }
}
