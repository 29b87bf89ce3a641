package org.vigil.tools;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.engine.RunMode;
import org.vigil.engine.ThreadLayout;

/**
 * The queues of {@code vigil run -q} and their thread layout: {@code -q N} is repeatable and {@code
 * -q A:B} names the queues A to B (as iptables' {@code --queue-balance A:B}); each queue gets one
 * worker thread. Several queues take the {@code workers} layout unless another is named; {@code
 * single} takes one queue only.
 */
final class InlineQueues {
  private InlineQueues() {}

  /** The queue numbers of the {@code -q} arguments, in order, or a usage error. */
  static List<Integer> parse(List<String> args) {
    Set<Integer> queues = new LinkedHashSet<>();
    for (String arg : args) {
      String a = arg.strip();
      int colon = a.indexOf(':');
      int from = number(colon < 0 ? a : a.substring(0, colon), arg);
      int to = colon < 0 ? from : number(a.substring(colon + 1), arg);
      if (to < from) {
        throw new ConfigException("-q " + arg + ": the range ends before it starts");
      }
      if (to - from >= 1024) {
        throw new ConfigException("-q " + arg + ": more than 1024 queues");
      }
      for (int q = from; q <= to; q++) {
        if (!queues.add(q)) {
          throw new ConfigException("-q: queue " + q + " given twice");
        }
      }
    }
    return List.copyOf(queues);
  }

  private static int number(String s, String arg) {
    try {
      int n = Integer.parseInt(s.strip());
      if (n < 0 || n > 65535) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException("-q " + arg + ": expected a queue number 0..65535 or a range A:B");
    }
  }

  /**
   * The layout of an inline run over {@code queues} queues: {@code cliMode} (else {@code
   * threading.runmode}, else workers for several queues and single for one) with one worker per
   * queue.
   */
  static ThreadLayout layout(VigilConfig cfg, String cliMode, Integer cliThreads, int queues) {
    String named = cliMode != null ? cliMode : cfg.getString("threading.runmode", null);
    RunMode mode =
        named != null
            ? RunMode.parse(named, cliMode != null ? "--runmode" : "threading.runmode")
            : queues > 1 ? RunMode.WORKERS : RunMode.SINGLE;
    String modeName = mode.name().toLowerCase(Locale.ROOT);
    if (mode != RunMode.SINGLE && mode != RunMode.WORKERS) {
      throw new ConfigException(
          "--runmode "
              + modeName
              + ": run -q takes single or workers (one worker thread per queue)");
    }
    if (mode == RunMode.SINGLE && queues > 1) {
      throw new ConfigException(
          "--runmode single reads one queue; "
              + queues
              + " queues need --runmode workers (one worker thread per queue)");
    }
    if (cliThreads != null && cliThreads != queues) {
      throw new ConfigException(
          "--threads "
              + cliThreads
              + ": run -q has one worker thread per queue ("
              + queues
              + (queues == 1 ? " queue)" : " queues)"));
    }
    return ThreadLayout.from(cfg, modeName, mode == RunMode.WORKERS ? queues : null);
  }

  /** "NFQUEUE 3" or "NFQUEUEs 0, 1, 2, 3". */
  static String describe(List<Integer> queues) {
    List<String> names = new ArrayList<>();
    queues.forEach(q -> names.add(Integer.toString(q)));
    return (queues.size() == 1 ? "NFQUEUE " : "NFQUEUEs ") + String.join(", ", names);
  }
}
