package org.vigil.tools;

import java.util.function.BiFunction;
import org.vigil.config.VigilConfig;
import org.vigil.flow.Flow;
import org.vigil.thread.AppLayerHandler;
import org.vigil.thread.Worker;

/** The app-layer handlers a run attaches to TCP flows (HTTP/1.x once its parser lands). */
final class HttpAppLayer {
  private HttpAppLayer() {}

  static BiFunction<Flow, Worker, AppLayerHandler> factory(VigilConfig cfg) {
    return null;
  }
}
