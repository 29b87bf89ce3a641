package org.vigil.thread;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.vigil.detect.Ruleset;

/**
 * The ruleset a run detects with, which a rule reload replaces while the run goes on: the reload
 * compiles or loads the new ruleset on its own thread and {@link #publish publishes} it; each
 * detect thread sees the new generation before its next packet and swaps its detector over to it
 * (the only pause a packet sees), keeping its flows, streams and flowbits. The switch counts the
 * reloads and the longest swap pause, and says when every detect thread runs the new rules.
 */
public final class RulesetSwitch {
  private volatile Ruleset current;
  private volatile int generation;
  private final List<Consumer<String>> notices = new CopyOnWriteArrayList<>();
  private int threads;
  private int adopted;
  private long reloads;
  private long pendingPauseNanos;
  private long lastPauseNanos;
  private long worstPauseNanos;
  private long publishedNanos;

  /** A switch starting on {@code initial}. */
  public RulesetSwitch(Ruleset initial) {
    this.current = initial;
  }

  /** The ruleset of the latest generation. */
  public Ruleset current() {
    return current;
  }

  /** The generation of {@link #current()}: 0 for the run's first ruleset, +1 per reload. */
  public int generation() {
    return generation;
  }

  /** Says {@code notice} (a line for the engine log) when a reload is in place on every thread. */
  public void onNotice(Consumer<String> notice) {
    notices.add(notice);
  }

  /**
   * A detect thread follows the switch from now on; returns the generation it starts with. A thread
   * that starts after a reload was published runs that reload's rules from its first packet, so it
   * counts as in place for it.
   */
  public synchronized int follow() {
    threads++;
    if (generation > 0) {
      adopted++;
    }
    return generation;
  }

  /**
   * Makes {@code next} the run's ruleset: each detect thread swaps to it before its next packet.
   * Returns the new generation.
   */
  public synchronized int publish(Ruleset next) {
    current = next;
    generation++;
    reloads++;
    adopted = 0;
    pendingPauseNanos = 0;
    publishedNanos = System.nanoTime();
    if (threads == 0) {
      done();
    }
    return generation;
  }

  /**
   * A detect thread swapped to generation {@code gen} in {@code pauseNanos} (the time its packet
   * path stood still).
   */
  public synchronized void swapped(int gen, long pauseNanos) {
    if (gen != generation) {
      return; // a newer reload came meanwhile: the thread swaps again
    }
    adopted++;
    pendingPauseNanos = Math.max(pendingPauseNanos, pauseNanos);
    worstPauseNanos = Math.max(worstPauseNanos, pauseNanos);
    if (adopted == threads) {
      done();
    }
  }

  /**
   * A detect thread that followed the switch ended (a warm-up's throwaway chain, a stopped worker):
   * reloads no longer wait for it. {@code gen} is the generation it ran, {@code countedForIt}
   * whether it was counted in place for that reload (it swapped to it, or started on it).
   */
  public synchronized void leave(int gen, boolean countedForIt) {
    threads--;
    if (gen == generation && countedForIt) {
      adopted--;
    }
    if (generation > 0 && adopted == threads && gen != generation) {
      done();
    }
  }

  private void done() {
    lastPauseNanos = pendingPauseNanos;
    String line =
        String.format(
            "rule reload %d: %d rules in place on %d detect %s %.1f ms after the swap was"
                + " published; longest pause of a packet path: %d us",
            generation,
            current.size(),
            threads,
            threads == 1 ? "thread" : "threads",
            (System.nanoTime() - publishedNanos) / 1e6,
            lastPauseNanos / 1000);
    notices.forEach(n -> n.accept(line));
    notifyAll();
  }

  /**
   * Waits up to {@code millis} until every detect thread runs generation {@code gen} (an idle
   * thread swaps at its next packet); true when they do.
   */
  public synchronized boolean await(int gen, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000L;
    while (generation == gen && adopted < threads) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000L));
    }
    return generation != gen || adopted >= threads;
  }

  /** Reloads done since the run started. */
  public synchronized long reloads() {
    return reloads;
  }

  /**
   * The reload counters under {@code detect} of the stats tree {@code m}: reloads, the rules now
   * loaded, the longest swap pause of the last reload and of the run (microseconds).
   */
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> addTo(Map<String, Object> m) {
    Map<String, Object> d =
        (Map<String, Object>) m.computeIfAbsent("detect", k -> new LinkedHashMap<>());
    d.put("rules_loaded", (long) current.size());
    d.put("reloads", reloads);
    d.put("reload_pause_us", lastPauseNanos / 1000);
    d.put("reload_pause_max_us", worstPauseNanos / 1000);
    return m;
  }
}
