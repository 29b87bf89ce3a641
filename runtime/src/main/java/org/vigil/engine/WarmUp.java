package org.vigil.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.vigil.acquire.synthetic.SyntheticTraffic;
import org.vigil.decode.Packet;
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
 * The warm-up of a live run: before its capture sockets exist, the operator's sample captures or
 * built-in synthetic traffic go once through a throwaway chain (decode, flow, stream, app layers
 * and the ruleset's matchers) so the JIT has compiled that code when the first live packets arrive,
 * instead of interpreting it while the ring fills. The chain is the run's own code with state of
 * its own: its flows, thresholds and host bits are its own and ended with it, its events are
 * dropped, and no port scan tracker sees its packets. A ruleset with datasets is not warmed up: its
 * rules would add the sample's values to the run's sets.
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
    return run(engine, new WarmUpSample.Captures(captures), stopped, notices);
  }

  /**
   * As {@link #run(EngineAssembly, WarmUpSample, BooleanSupplier, Consumer, EventSink)}, its events
   * dropped.
   */
  static long run(
      EngineAssembly engine,
      WarmUpSample sample,
      BooleanSupplier stopped,
      Consumer<String> notices) {
    return run(engine, sample, stopped, notices, new Discard());
  }

  /**
   * Runs {@code sample} through a throwaway chain of {@code engine} whose events go to {@code
   * events}, until it ends or {@code stopped} says so (between files, or every 100 flows of the
   * built-in traffic); {@code notices} hears what was done.
   *
   * @return the packets the chain saw
   */
  static long run(
      EngineAssembly engine,
      WarmUpSample sample,
      BooleanSupplier stopped,
      Consumer<String> notices,
      EventSink events) {
    List<Path> captures =
        switch (sample) {
          case WarmUpSample.None n -> List.of();
          case WarmUpSample.Captures c -> c.files();
          case WarmUpSample.BuiltIn b -> List.of();
        };
    if (captures.isEmpty() && !(sample instanceof WarmUpSample.BuiltIn)) {
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
            events,
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
      if (sample instanceof WarmUpSample.BuiltIn b) {
        builtIn(b.flows(), decode, stopped);
        chain.endOfCapture();
      }
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
            "warmed up on %d packets of %s%s in %.2f s%s",
            packets[0],
            sample instanceof WarmUpSample.BuiltIn b
                ? "built-in traffic ("
                    + b.flows()
                    + " flows; --warm-up SAMPLE for the sensor's own)"
                : captures.size() + (captures.size() == 1 ? " capture" : " captures"),
            stats.capturesUnreadable == 0
                ? ""
                : String.format(" (%d not readable as captures)", stats.capturesUnreadable),
            (System.nanoTime() - t0) / 1e9,
            cpu < 0 ? "" : String.format(" (%.2f s CPU)", cpu / 1e9)));
    return packets[0];
  }

  /**
   * Decodes {@code flows} conversations of synthetic traffic, stamped from now on, one frame at a
   * time, until they end or {@code stopped} says so.
   */
  private static void builtIn(int flows, DecodePipeline decode, BooleanSupplier stopped) {
    Packet p = decode.acquire();
    long start = System.currentTimeMillis() * 1_000_000L;
    try {
      for (int done = 0; done < flows && !stopped.getAsBoolean(); done += BATCH) {
        SyntheticTraffic.write(
            Math.min(BATCH, flows - done),
            start,
            done,
            (frame, length, nanos) -> {
              p.reset();
              System.arraycopy(frame, 0, p.data(), 0, length);
              p.setFrame(length, length, nanos, LINKTYPE_ETHERNET, 0, "warm-up");
              decode.process(p);
            });
        start += 1_000_000_000L;
      }
    } finally {
      decode.release(p);
      decode.endOfCapture();
    }
  }

  /** Flows of built-in traffic between two looks at the stop flag. */
  private static final int BATCH = 100;

  private static final int LINKTYPE_ETHERNET = 1;

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
