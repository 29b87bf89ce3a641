package org.vigil.app.http;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppLayers;
import org.vigil.app.AppProtocol;

/**
 * The protocol inside an HTTP CONNECT tunnel, as Suricata 7 runs protocol detection again once a
 * CONNECT is answered 2xx: the client's first bytes through the tunnel are probed for TLS (on the
 * CONNECT's port) and SMTP, and the protocol they start gets a layer that has the connection's data
 * from then on (its records naming HTTP as the protocol spoken before). The server's first bytes
 * through the tunnel that no protocol's detection patterns match make Suricata's "only one
 * direction" detection event. Other tunnelled protocols are not parsed.
 */
final class HttpTunnel {
  /** The protocol probed inside the tunnel first. */
  static final String TLS = "tls";

  /** The protocols probed inside the tunnel, in order. */
  private static final String[] PROBED = {TLS, "smtp"};

  /** The server bytes after which no detection pattern can match (Suricata's deepest, 8). */
  private static final int SERVER_DEPTH = 8;

  /** The server's first bytes through the tunnel (null once decided). */
  private byte[] serverFirst = new byte[SERVER_DEPTH];

  private int serverSeen;

  /** The tunnelled protocol's name once its layer is made. */
  private String name;

  /**
   * Server bytes through the tunnel before the client's first (at most {@link #HELD_LIMIT}): the
   * tunnelled protocol's layer gets them with the server's next data, as Suricata's detection of
   * that direction reads them then.
   */
  private ByteBuilder held;

  /** The server bytes kept before the tunnel's protocol is known. */
  private static final int HELD_LIMIT = 64 * 1024;

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

  /** The tunnelled protocol's name, or null (not detected, or not parsed). */
  String name() {
    return name;
  }

  /** The tunnelled protocol's layer, or null (not detected, or not parsed). */
  AppLayer layer() {
    return layer;
  }

  /**
   * The client's first bytes through the tunnel: when they start a protocol probed, its layer is
   * made and gets them; returns true then.
   */
  boolean start(byte[] b, int off, int len) {
    AppLayers layers = context.layers();
    if (layers == null) {
      return false;
    }
    for (String name : PROBED) {
      AppProtocol p = layers.protocol(name);
      if (p != null && p.probe(true, b, off, len, port) == AppProtocol.MATCH) {
        layer = p.newLayer(context);
        if (layer == null) {
          return false; // the protocol's memcap is full
        }
        this.name = name;
        layer.switchedFrom("http");
        layer.onData(true, b, off, len);
        return true;
      }
    }
    held = null;
    return false;
  }

  /** Server bytes through the tunnel before its protocol is known: kept for its layer. */
  void holdServerData(byte[] b, int off, int len) {
    if (held == null) {
      held = new ByteBuilder(Math.min(len, 4096));
    }
    held.append(b, off, len, HELD_LIMIT);
  }

  /**
   * Server bytes through the tunnel once its protocol is known: its layer gets them, after those
   * held before. Once the server's first {@value #SERVER_DEPTH} bytes are no protocol's (by the
   * detection patterns), Suricata reports that only the client's direction was detected.
   */
  void serverData(byte[] b, int off, int len) {
    if (held != null) {
      byte[] before = held.toArray();
      held = null;
      serverData(before, 0, before.length);
    }
    detectServer(b, off, len);
    layer.onData(false, b, off, len);
  }

  private void detectServer(byte[] b, int off, int len) {
    if (serverFirst == null || len == 0) {
      return;
    }
    int n = Math.min(len, SERVER_DEPTH - serverSeen);
    System.arraycopy(b, off, serverFirst, serverSeen, n);
    serverSeen += n;
    for (AppProtocol p : context.layers().protocols()) {
      if (p.detects(false, serverFirst, 0, serverSeen, port) == AppProtocol.MATCH) {
        serverFirst = null;
        return;
      }
    }
    if (serverSeen >= SERVER_DEPTH) {
      serverFirst = null;
      context.control().detectionEvent(name, "APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION");
    }
  }
}
