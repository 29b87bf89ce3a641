package org.vigil.app.http;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppLayers;
import org.vigil.app.AppProtocol;

/**
 * The protocol inside an HTTP CONNECT tunnel, as Suricata 7 runs protocol detection again once a
 * CONNECT is answered 2xx: the client's first bytes through the tunnel are probed for TLS (on the
 * CONNECT's port), and when they are TLS's a TLS layer gets the connection's data from then on, its
 * records naming HTTP as the protocol spoken before. Other tunnelled protocols are not parsed.
 */
final class HttpTunnel {
  /** The protocol probed inside the tunnel. */
  static final String TLS = "tls";

  private final AppContext context;
  private int port;
  private AppLayer layer;

  HttpTunnel(AppContext context) {
    this.context = context;
    this.port = context.serverPort();
  }

  /** A CONNECT to {@code rawUri} ("host:port") was answered 2xx. */
  void open(byte[] rawUri) {
    port = context.serverPort();
    if (rawUri == null) {
      return;
    }
    int colon = rawUri.length - 1;
    while (colon >= 0 && rawUri[colon] != ':') {
      colon--;
    }
    if (colon < 0 || colon + 1 == rawUri.length || rawUri.length - colon > 6) {
      return;
    }
    int v = 0;
    for (int i = colon + 1; i < rawUri.length; i++) {
      if (rawUri[i] < '0' || rawUri[i] > '9') {
        return;
      }
      v = v * 10 + rawUri[i] - '0';
    }
    if (v <= 65535) {
      port = v;
    }
  }

  /** The tunnelled protocol's layer, or null (not detected, or not TLS). */
  AppLayer layer() {
    return layer;
  }

  /**
   * The client's first bytes through the tunnel: when they start TLS, a TLS layer is made and gets
   * them; returns true then.
   */
  boolean start(byte[] b, int off, int len) {
    AppLayers layers = context.layers();
    AppProtocol tls = layers == null ? null : layers.protocol(TLS);
    if (tls == null || tls.probe(true, b, off, len, port) != AppProtocol.MATCH) {
      return false;
    }
    layer = tls.newLayer(context);
    if (layer == null) {
      return false; // the protocol's memcap is full
    }
    layer.switchedFrom("http");
    layer.onData(true, b, off, len);
    return true;
  }
}
