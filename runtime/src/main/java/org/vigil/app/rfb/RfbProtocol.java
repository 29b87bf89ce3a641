package org.vigil.app.rfb;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;
import org.vigil.config.VigilConfig;

/**
 * RFB (VNC) as a registered app-layer protocol, detected as Suricata 7 registers it: "RFB " (any
 * case) opening either direction, on any port. {@code app-layer.protocols.rfb.enabled}: yes
 * (default) or no.
 */
public final class RfbProtocol implements AppProtocol {
  /** The configuration key that enables the protocol. */
  public static final String ENABLED_KEY = "app-layer.protocols.rfb.enabled";

  private static final byte[] PATTERN = {'R', 'F', 'B', ' '};
  private final boolean enabled;

  /** Enabled (the default). */
  public RfbProtocol() {
    this(true);
  }

  private RfbProtocol(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public AppProtocol configure(VigilConfig config) {
    return config.getBoolean(ENABLED_KEY, true) ? this : new RfbProtocol(false);
  }

  @Override
  public String name() {
    return "rfb";
  }

  @Override
  public int order() {
    return 55;
  }

  @Override
  public int probeBytes() {
    return PATTERN.length;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    if (!enabled) {
      return NO_MATCH;
    }
    int n = Math.min(len, PATTERN.length);
    for (int i = 0; i < n; i++) {
      int c = b[off + i] & 0xFF;
      if (c >= 'a' && c <= 'z') {
        c -= 'a' - 'A';
      }
      if (c != PATTERN[i]) {
        return NO_MATCH;
      }
    }
    return n == PATTERN.length ? MATCH : NEED_MORE;
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    return new RfbLayer(context.control());
  }
}
