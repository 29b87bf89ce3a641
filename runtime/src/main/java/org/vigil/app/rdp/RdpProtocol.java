package org.vigil.app.rdp;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;
import org.vigil.config.VigilConfig;

/**
 * RDP as a registered app-layer protocol, detected as Suricata 7 registers it: a probe on the
 * server port 3389 (either direction) whose first byte is a TPKT's version, 3. It follows a client
 * whose first bytes no protocol claims (the server's answer decides). {@code
 * app-layer.protocols.rdp.enabled}: yes (default), no (not detected), or detection-only (detected,
 * not parsed).
 */
public final class RdpProtocol implements AppProtocol {
  /** The configuration key that enables the protocol. */
  public static final String ENABLED_KEY = "app-layer.protocols.rdp.enabled";

  /** The server port Suricata's probe is registered on. */
  static final int PORT = 3389;

  private final boolean detect;
  private final boolean parse;

  /** Detected and parsed (the default). */
  public RdpProtocol() {
    this(true, true);
  }

  private RdpProtocol(boolean detect, boolean parse) {
    this.detect = detect;
    this.parse = parse;
  }

  @Override
  public AppProtocol configure(VigilConfig config) {
    String v = config.getString(ENABLED_KEY, "yes").strip().toLowerCase(java.util.Locale.ROOT);
    if (v.equals("detection-only")) {
      return new RdpProtocol(true, false);
    }
    return config.getBoolean(ENABLED_KEY, true) ? this : new RdpProtocol(false, false);
  }

  @Override
  public String name() {
    return "rdp";
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public int probeBytes() {
    return 1;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    if (!detect || serverPort != PORT) {
      return NO_MATCH;
    }
    if (len < 1) {
      return NEED_MORE;
    }
    return b[off] == 3 ? MATCH : NO_MATCH;
  }

  @Override
  public boolean followsUnknownClient() {
    return true;
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    return new RdpLayer(context.control(), parse);
  }
}
