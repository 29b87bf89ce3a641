package org.vigil.app.tls;

/**
 * TLS on one TCP connection, fed in-order bytes per direction (see {@link TlsDirection}). It
 * reports each complete record ({@link #RECORD_END}: Suricata triggers raw stream inspection of
 * that direction), the first ApplicationData byte of the connection ({@link #APP_DATA}: Suricata's
 * default encryption handling then stops payload inspection and raw stream inspection of the flow;
 * not for TLS 1.3 early data, sent after a ClientHello with early_data and before the ServerHello)
 * and data that is not TLS ({@link #ERROR}: Suricata disables the flow's app layer, raw inspection
 * going on). A gap is an error. After an error the parser ignores all data.
 */
public final class TlsConnectionParser {
  /** Result bit: at least one record of the direction was completed. */
  public static final int RECORD_END = 1;

  /** Result bit: an ApplicationData record's body started (the first time only). */
  public static final int APP_DATA = 2;

  /** Result bit: the data is not TLS as Suricata parses it; the flow's app-layer parsing ends. */
  public static final int ERROR = 4;

  /**
   * Result bit: both sides of an SSLv2 handshake started encrypting; Suricata stops the flow's
   * inspection as for SSH (flush pseudo packets, then no payload or raw inspection).
   */
  public static final int NO_INSPECTION = 8;

  private final TlsHeartbeat heartbeat = new TlsHeartbeat();
  private final TlsHandshakeState handshake = new TlsHandshakeState();
  private final Ssl2State ssl2 = new Ssl2State();
  private final TlsSession session = new TlsSession();
  private final TlsDirection client;
  private final TlsDirection server;
  private boolean failed;
  private boolean encrypted;

  /** A parser whose buffers are counted in a budget of its own, not capped (tests, tools). */
  public TlsConnectionParser() {
    this(new TlsMemory(0, TlsProtocol.DEFAULT_MAX_HANDSHAKE));
  }

  /** A parser whose buffers are counted in {@code memory}. */
  public TlsConnectionParser(TlsMemory memory) {
    client = new TlsDirection(true, heartbeat, handshake, ssl2, session, memory);
    server = new TlsDirection(false, heartbeat, handshake, ssl2, session, memory);
  }

  /** Parses {@code len} new bytes of direction {@code toServer}; returns the result bits. */
  public int onData(boolean toServer, byte[] b, int off, int len) {
    if (failed || len <= 0) {
      return 0;
    }
    TlsDirection d = toServer ? client : server;
    if (d.atRecordStart()) {
      session.newData();
    }
    int r = d.feed(b, off, len);
    if ((r & APP_DATA) != 0) {
      if (encrypted) {
        r &= ~APP_DATA;
      }
      encrypted = true;
    }
    if ((r & ERROR) != 0) {
      failed = true;
      free();
    }
    return r;
  }

  /** Bytes of direction {@code toServer} were lost: the parser stops (returns {@link #ERROR}). */
  public int onGap(boolean toServer) {
    if (failed) {
      return 0;
    }
    (toServer ? client : server).fail();
    failed = true;
    free();
    return ERROR;
  }

  /** Gives back the buffers both directions hold (the parsing ended, or the flow). */
  public void free() {
    client.free();
    server.free();
  }

  /** The handshake facts read so far (SNI, versions, JA3/JA3S, the server's certificates). */
  public TlsSession session() {
    return session;
  }

  /** True once the data proved not to be TLS (or had a gap). */
  public boolean failed() {
    return failed;
  }

  /** True once an ApplicationData record was seen in either direction. */
  public boolean encrypted() {
    return encrypted;
  }

  /** Complete records read in direction {@code toServer}. */
  public long records(boolean toServer) {
    return (toServer ? client : server).records();
  }
}
