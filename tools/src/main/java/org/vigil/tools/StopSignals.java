package org.vigil.tools;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM stop a run that goes on until stopped (a watched capture folder): instead of
 * ending the JVM they call the run's stop, so the run ends as after its last capture, writes its
 * final stats and the command returns its own exit code. {@link #close} puts the previous handlers
 * back.
 */
final class StopSignals implements AutoCloseable {
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private StopSignals() {}

  /** Routes SIGINT and SIGTERM to {@code stop} until closed. */
  static StopSignals install(Runnable stop) {
    StopSignals s = new StopSignals();
    for (String name : List.of("INT", "TERM")) {
      Signal sig = new Signal(name);
      s.previous.add(Signal.handle(sig, x -> stop.run()));
      s.signals.add(sig);
    }
    return s;
  }

  /**
   * Routes SIGINT and SIGTERM to {@code stop} and SIGHUP to {@code hangup} (reopen the log files)
   * until closed.
   */
  static StopSignals install(Runnable stop, Runnable hangup) {
    StopSignals s = install(stop);
    Signal hup = new Signal("HUP");
    s.previous.add(Signal.handle(hup, x -> hangup.run()));
    s.signals.add(hup);
    return s;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
