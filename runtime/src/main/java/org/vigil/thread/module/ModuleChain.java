package org.vigil.thread.module;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.decode.Packet;
import org.vigil.thread.EngineErrors;

/**
 * The modules of one thread in order, run on the thread that owns them: every run mode hands its
 * packets, capture time and capture ends to such a chain (the calling thread's in {@code single}
 * and inline, each worker thread's in {@code workers}, {@code autofp} and custom layouts).
 */
public final class ModuleChain {
  private final ThreadContext context;
  private final List<ThreadModule> modules;
  private long stopped;
  private final EngineErrors errors = new EngineErrors();

  /** The chain of {@code modules} sharing {@code context}. */
  public ModuleChain(ThreadContext context, List<ThreadModule> modules) {
    this.context = context;
    this.modules = List.copyOf(modules);
  }

  /** The context the modules share. */
  public ThreadContext context() {
    return context;
  }

  /** The modules, in order. */
  public List<ThreadModule> modules() {
    return modules;
  }

  /** The chain's first module of type {@code type}, or null. */
  public <T extends ThreadModule> T find(Class<T> type) {
    for (ThreadModule m : modules) {
      if (type.isInstance(m)) {
        return type.cast(m);
      }
    }
    return null;
  }

  /** Initializes every module on the calling thread (the one that runs the chain from now on). */
  public void init() {
    for (ThreadModule m : modules) {
      m.init(context);
    }
  }

  /**
   * Runs the modules on {@code p} until one stops it. A module's bug on one packet must not stop
   * the thread: it is counted, and the packet goes on to the next module. An output that cannot
   * write ({@link UncheckedIOException}) stops the run.
   */
  public void process(Packet p) {
    context.clearAlerted();
    for (ThreadModule m : modules) {
      boolean go;
      try {
        go = m.process(p);
      } catch (UncheckedIOException e) {
        throw e;
      } catch (RuntimeException e) {
        errors.record(p + " in module " + m.name(), e);
        go = true;
      }
      if (!go) {
        stopped++;
        return;
      }
    }
  }

  /** Capture time advanced to {@code nowNanos}. */
  public void tick(long nowNanos) {
    for (ThreadModule m : modules) {
      m.tick(nowNanos);
    }
  }

  /**
   * The current capture ended: every module flushes it. Returns the matches of rate-limited rules
   * the detect modules kept for the run to decide on (empty when thresholds are decided at once).
   */
  public List<PendingMatch> endOfCapture() {
    List<PendingMatch> pending = new ArrayList<>();
    for (ThreadModule m : modules) {
      m.endOfCapture();
      if (m instanceof DetectModule d) {
        pending.addAll(d.takePending());
      }
    }
    return pending;
  }

  /**
   * The matches of rate-limited rules the detect modules kept since they last handed theirs over,
   * without flushing anything (see {@link #endOfCapture}).
   */
  public List<PendingMatch> pending() {
    List<PendingMatch> pending = new ArrayList<>();
    for (ThreadModule m : modules) {
      if (m instanceof DetectModule d) {
        pending.addAll(d.takePending());
      }
    }
    return pending;
  }

  /** Called once after the last packet. */
  public void deinit() {
    for (ThreadModule m : modules) {
      m.deinit();
    }
  }

  /** Packets a module stopped. */
  public long stopped() {
    return stopped;
  }

  /** Packets on which a module failed (the packet went on). */
  public long moduleErrors() {
    return errors.count();
  }

  /** The modules' failures: how many, and the first ones' messages for the run's summary. */
  public EngineErrors errors() {
    return errors;
  }

  /** Puts each module's non-empty counters into {@code into}, under the module's name. */
  public void putCounters(Map<String, Object> into) {
    for (ThreadModule mod : modules) {
      Map<String, Object> c = mod.counters();
      if (!c.isEmpty()) {
        into.put(mod.name(), c);
      }
    }
  }
}
