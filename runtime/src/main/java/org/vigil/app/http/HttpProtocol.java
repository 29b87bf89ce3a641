package org.vigil.app.http;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;
import org.vigil.app.http.normalize.ServerPersonality;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;

/**
 * HTTP/1.x as a registered app-layer protocol: the fallback, whose layer sees every byte of a flow
 * no other protocol claimed and recognises HTTP itself (a request line, or a server's status line
 * answering a request not recognised). Configured by the libhtp keys of the run's configuration
 * (body limits and inspection sizes, the default server personality).
 */
public final class HttpProtocol implements AppProtocol {
  /** Suricata's key for the default libhtp personality. */
  public static final String PERSONALITY_KEY =
      "app-layer.protocols.http.libhtp.default-config.personality";

  /** Suricata's key for the HTTP parsers' memcap. */
  public static final String MEMCAP_KEY = "app-layer.protocols.http.memcap";

  /** Default memcap: 64 MiB (Suricata's is unlimited; Vigil bounds it so the heap can be sized). */
  public static final long DEFAULT_MEMCAP = 64L << 20;

  private final HttpConfig config;
  private final PersonalityResolver personalities;
  private final HttpMemory memory;

  /** HTTP with the default configuration (the service loader's instance), memory not capped. */
  public HttpProtocol() {
    this(HttpConfig.defaults(), PersonalityResolver.fixed(ServerPersonality.IDS));
  }

  /** HTTP parsing under {@code config}, with the server personalities of {@code personalities}. */
  public HttpProtocol(HttpConfig config, PersonalityResolver personalities) {
    this(config, personalities, new HttpMemory(0));
  }

  /** HTTP parsing whose layers are counted in {@code memory}. */
  public HttpProtocol(HttpConfig config, PersonalityResolver personalities, HttpMemory memory) {
    this.config = config;
    this.personalities = personalities;
    this.memory = memory;
  }

  @Override
  public java.util.Map<String, Object> counters() {
    return memory.counters();
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public int order() {
    return 100;
  }

  @Override
  public int probeBytes() {
    return 0;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return NO_MATCH; // a fallback: its layer detects HTTP itself
  }

  /** Suricata's HTTP patterns: a client's method and a space, a server's version. */
  @Override
  public int detects(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return HttpProbe.patterns(toServer, b, off, len);
  }

  @Override
  public boolean fallback() {
    return true;
  }

  @Override
  public AppProtocol configure(VigilConfig cfg) {
    String name = cfg.getString(PERSONALITY_KEY, "IDS");
    ServerPersonality p;
    try {
      p = ServerPersonality.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(PERSONALITY_KEY + ": " + e.getMessage());
    }
    return new HttpProtocol(
        HttpConfig.from(cfg),
        PersonalityResolver.fixed(p),
        new HttpMemory(cfg.getSize(MEMCAP_KEY, DEFAULT_MEMCAP)));
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    if (!memory.reserveLayer()) {
      return null;
    }
    return new HttpLayer(context, config, personalities, memory);
  }
}
