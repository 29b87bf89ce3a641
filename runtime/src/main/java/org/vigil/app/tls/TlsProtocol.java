package org.vigil.app.tls;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;

/**
 * TLS as a registered app-layer protocol: a record header or SSLv2 client hello (see {@link
 * TlsDetection}). Its layers gather handshake messages in a budget of the run ({@link TlsMemory}),
 * sized by {@code app-layer.protocols.tls.memcap} and {@code
 * app-layer.protocols.tls.max-handshake-size} (Vigil's keys: Suricata 7 bounds these buffers by the
 * stream depth only).
 */
public final class TlsProtocol implements AppProtocol {
  /** The name other protocols hand a flow to TLS by (FTP's AUTH TLS). */
  public static final String NAME = "tls";

  /** The key of the TLS parsers' memcap. */
  public static final String MEMCAP_KEY = "app-layer.protocols.tls.memcap";

  /** The key of the longest handshake message buffered. */
  public static final String MAX_HANDSHAKE_KEY = "app-layer.protocols.tls.max-handshake-size";

  /** Default memcap: 32 MiB of buffered handshake bytes. */
  public static final long DEFAULT_MEMCAP = 32L << 20;

  /**
   * Default longest handshake message: 1 MiB, Suricata's default stream depth (past which its
   * parser gets no bytes, so no longer message completes there either).
   */
  public static final int DEFAULT_MAX_HANDSHAKE = 1 << 20;

  private final TlsMemory memory;

  /** TLS with the default limits (the service loader's instance). */
  public TlsProtocol() {
    this(new TlsMemory(DEFAULT_MEMCAP, DEFAULT_MAX_HANDSHAKE));
  }

  /** TLS whose layers gather their buffers in {@code memory}. */
  public TlsProtocol(TlsMemory memory) {
    this.memory = memory;
  }

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
  public AppProtocol configure(VigilConfig cfg) {
    long max = cfg.getSize(MAX_HANDSHAKE_KEY, DEFAULT_MAX_HANDSHAKE);
    if (max < 1 || max > 1 << 24) {
      throw new ConfigException(
          MAX_HANDSHAKE_KEY + ": expected a size from 1 to 16mb, found " + max);
    }
    return new TlsProtocol(new TlsMemory(cfg.getSize(MEMCAP_KEY, DEFAULT_MEMCAP), (int) max));
  }

  @Override
  public java.util.Map<String, Object> counters() {
    return memory.counters();
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    return new TlsLayer(context.control(), memory);
  }
}
