package org.vigil.app.tls;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;

/**
 * TLS as a registered app-layer protocol: a record header or SSLv2 client hello (see {@link
 * TlsDetection}).
 */
public final class TlsProtocol implements AppProtocol {
  /** The name other protocols hand a flow to TLS by (FTP's AUTH TLS). */
  public static final String NAME = "tls";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public int probeBytes() {
    return TlsDetection.PROBE_BYTES;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return TlsDetection.probe(toServer, b, off, len, serverPort);
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    return new TlsLayer(context.control());
  }
}
