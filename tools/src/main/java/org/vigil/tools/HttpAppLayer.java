package org.vigil.tools;

import java.util.function.BiFunction;
import org.vigil.app.http.HttpConfig;
import org.vigil.app.http.PersonalityResolver;
import org.vigil.app.http.normalize.ServerPersonality;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.flow.Flow;
import org.vigil.thread.AppLayerHandler;
import org.vigil.thread.Worker;

/** The app-layer handlers a run attaches to TCP flows, from the configuration. */
final class HttpAppLayer {
  /** Suricata's key for the default libhtp personality. */
  static final String PERSONALITY_KEY = "app-layer.protocols.http.libhtp.default-config.personality";

  private HttpAppLayer() {}

  static BiFunction<Flow, Worker, AppLayerHandler> factory(VigilConfig cfg) {
    String name = cfg.getString(PERSONALITY_KEY, "IDS");
    ServerPersonality p;
    try {
      p = ServerPersonality.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(PERSONALITY_KEY + ": " + e.getMessage());
    }
    return Worker.appLayers(HttpConfig.from(cfg), PersonalityResolver.fixed(p));
  }
}
