package org.vigil.control;

import java.time.Instant;
import java.util.function.Consumer;
import org.vigil.detect.Ruleset;
import org.vigil.thread.RulesetSwitch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The live rule reload ({@code SIGUSR2}, the socket's {@code reload-rules}): the rules are compiled
 * (or the .vrs loaded) on the caller's thread, off the packet path, then published to the run's
 * {@link RulesetSwitch}, which each detect thread swaps to between two packets. A reload that loads
 * no rule leaves the running rules in place. One reload at a time.
 */
public final class RuleReload {
  /** Builds the ruleset of a reload; null when no rule could be loaded (the reason was logged). */
  @FunctionalInterface
  public interface Loader {
    Loaded load() throws Exception;
  }

  /** A loaded ruleset and its rule counts. */
  public record Loaded(Ruleset ruleset, long loaded, long failed) {}

  /** The outcome of one reload: whether the new rules run, and what to tell the operator. */
  public record Outcome(boolean ok, String message) {}

  private final Loader loader;
  private final Consumer<String> log;
  private volatile RulesetSwitch target;
  private volatile Loaded current;
  private volatile Instant lastReload;

  /**
   * Reloads with {@code loader}, the rules now running being {@code initial}; notices go to {@code
   * log}.
   */
  public RuleReload(Loader loader, Loaded initial, Consumer<String> log) {
    this.loader = loader;
    this.log = log;
    this.current = initial;
    this.lastReload = Instant.now();
  }

  /**
   * Reloads go to {@code s} from now on (a run of the engine; null between runs, when a reload only
   * changes the rules the next run starts with); its notices go to the log.
   */
  public void target(RulesetSwitch s) {
    if (s != null) {
      s.onNotice(log);
    }
    this.target = s;
  }

  /** The rules of the last load, and their counts. */
  public Loaded current() {
    return current;
  }

  /** When the running rules were loaded. */
  public Instant lastReload() {
    return lastReload;
  }

  /**
   * Loads the rules anew and swaps them in; returns once every detect thread runs them (or after 2
   * s, idle threads swapping at their next packet).
   */
  public synchronized Outcome reload() {
    long t0 = System.nanoTime();
    log.accept("rule reload: loading the rules (the running rules go on meanwhile)");
    Loaded next;
    try {
      next = loader.load();
    } catch (Exception e) {
      String m = "rule reload failed: " + e.getMessage() + "; the running rules stay";
      log.accept(m);
      return new Outcome(false, m);
    }
    if (next == null) {
      String m = "rule reload failed: no rule could be loaded; the running rules stay";
      log.accept(m);
      return new Outcome(false, m);
    }
    long t1 = System.nanoTime();
    current = next;
    lastReload = Instant.now();
    RulesetSwitch s = target;
    log.accept(
        String.format(
            "rule reload: %d rules loaded, %d failed, in %.2f s off the packet path; swapping them"
                + " in between packets",
            next.loaded(), next.failed(), (t1 - t0) / 1e9));
    if (s != null) {
      int gen = s.publish(next.ruleset());
      try {
        s.await(gen, 2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new Outcome(true, "done");
  }

  /**
   * Routes {@code SIGUSR2} to a reload on a thread of its own until the returned handle is closed;
   * a JVM that keeps the signal for itself is said in the log (the socket's {@code reload-rules}
   * still works).
   */
  public AutoCloseable onSignal() {
    Signal usr2 = new Signal("USR2");
    SignalHandler previous;
    try {
      previous =
          Signal.handle(
              usr2,
              sig -> {
                Thread t = new Thread(this::reload, "vigil-rule-reload");
                t.setDaemon(true);
                t.start();
              });
    } catch (IllegalArgumentException e) {
      log.accept(
          "info: SIGUSR2 cannot reload the rules in this JVM ("
              + e.getMessage()
              + "); the unix socket's reload-rules can");
      return () -> {};
    }
    return () -> Signal.handle(usr2, previous);
  }
}
