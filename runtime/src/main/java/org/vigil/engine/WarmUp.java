package org.vigil.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.vigil.decode.PathStats;
import org.vigil.output.AlertEvent;
import org.vigil.output.AppEvent;
import org.vigil.output.DropEvent;
import org.vigil.output.FlowEvent;
import org.vigil.output.PcapFrame;
import org.vigil.thread.module.EventSink;
import org.vigil.thread.module.ModuleChain;
import org.vigil.thread.module.PortscanModule;
import org.vigil.thread.module.ThreadContext;

/**
 * The warm-up of a live run: before its capture sockets exist, sample captures go once through a
 * throwaway chain (decode, flow, stream, app layers and the ruleset's matchers) so the JIT has
 * compiled that code when the first live packets arrive, instead of interpreting it while the ring
 * fills. The chain is the run's own code with state of its own: its flows, thresholds and host bits
 * are its own and ended with it, its events are dropped, and no port scan tracker sees its packets.
 * A ruleset with datasets is not warmed up: its rules would add the sample's values to the run's
 * sets.
 */
final class WarmUp {
  private WarmUp() {}

  /**
   * Runs {@code captures} (files, read in this order) through a throwaway chain of {@code engine},
   * until they end or {@code stopped} says so between files; {@code notices} hears what was done.
   *
   * @return the packets the chain saw
   */
  static long run(
      EngineAssembly engine,
      List<Path> captures,
      BooleanSupplier stopped,
      Consumer<String> notices) {
    if (captures.isEmpty()) {
      return 0;
    }
    if (engine.ruleset().usesDatasets() || !engine.ruleset().guard().datasets().all().isEmpty()) {
      notices.accept("no warm-up: the ruleset's datasets would keep the sample's values");
      return 0;
    }
    long t0 = System.nanoTime();
    long cpu0 = ThreadCpu.current();
    PathStats stats = new PathStats();
    ThreadContext context = new ThreadContext("warm-up", 0, stats);
    ModuleChain built =
        engine.chain(
            context,
            List.of("flow", "detect"),
            "warm-up",
            new Discard(),
            engine.thresholds(),
            false,
            null);
    ModuleChain chain =
        new ModuleChain(
            context, built.modules().stream().filter(m -> !(m instanceof PortscanModule)).toList());
    long[] packets = {0};
    DecodePipeline decode =
        engine.decodeStage(
            stats,
            p -> {
              context.setOrder(++packets[0]);
              chain.process(p);
            },
            false);
    chain.init();
    try {
      for (Path c : captures) {
        if (stopped.getAsBoolean()) {
          break;
        }
        decode.runCapture(c);
        chain.endOfCapture();
      }
    } finally {
      chain.deinit();
    }
    long cpu = cpu0 < 0 ? -1 : ThreadCpu.current() - cpu0;
    for (String error : stats.captureErrorMessages()) {
      notices.accept("warm-up sample " + error);
    }
    notices.accept(
        String.format(
            "warmed up on %d packets of %d %s%s in %.2f s%s",
            packets[0],
            captures.size(),
            captures.size() == 1 ? "capture" : "captures",
            stats.capturesUnreadable == 0
                ? ""
                : String.format(" (%d not readable as captures)", stats.capturesUnreadable),
            (System.nanoTime() - t0) / 1e9,
            cpu < 0 ? "" : String.format(" (%.2f s CPU)", cpu / 1e9)));
    return packets[0];
  }

  /** The warm-up's events: none is kept. */
  private static final class Discard implements EventSink {
    @Override
    public void alert(AlertEvent event) {}

    @Override
    public void transaction(AppEvent event) {}

    @Override
    public void flow(FlowEvent event) {}

    @Override
    public void drop(DropEvent event) {}

    @Override
    public void packet(PcapFrame frame) {}
  }
}
