package org.vigil.tools;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM stop a run that goes on until stopped (a watched capture folder): instead of
 * ending the JVM they call the run's stop, so the run ends as after its last capture, writes its
 * final stats and the command returns its own exit code. {@link #close} puts the previous handlers
 * back. A live run routes SIGHUP to reopening its logs; when the launcher's caller ignored SIGHUP
 * (nohup), the launcher starts the JVM with it at its default and says so ({@code
 * -Dvigil.hangup=ignored}), and {@link #keepHangupIgnored} ignores it everywhere else.
 */
final class StopSignals implements AutoCloseable {
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private boolean hangupIgnored;

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
    SignalHandler before = Signal.handle(hup, x -> hangup.run());
    s.previous.add(before);
    s.signals.add(hup);
    s.hangupIgnored = before == SignalHandler.SIG_IGN;
    return s;
  }

  /**
   * True when SIGHUP stays ignored: the JVM inherited the ignore (started under nohup other than by
   * bin/vigil) and does not install a handler over it.
   */
  boolean hangupIgnored() {
    return hangupIgnored;
  }

  /**
   * When the launcher says its caller ignored SIGHUP, ignores it (a handler that does nothing,
   * which a live run may replace, unlike an ignore the JVM inherited) instead of letting it end the
   * JVM.
   */
  static void keepHangupIgnored() {
    if ("ignored".equals(System.getProperty("vigil.hangup"))) {
      try {
        Signal.handle(new Signal("HUP"), sig -> {});
      } catch (IllegalArgumentException e) {
        // the JVM keeps SIGHUP to itself (-Xrs): it never ends it
      }
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
