package org.vigil.engine;

import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.flow.FlowConfig;
import org.vigil.flow.FlowState;

/**
 * The {@code flow-timeouts} section with Suricata's meaning: per protocol ({@code tcp}, {@code
 * udp}, {@code icmp}; {@code default} for the others) the seconds a flow in state {@code new},
 * {@code established} and {@code closed} may be idle, and their {@code emergency-} forms; a key not
 * given keeps Suricata's built-in value ({@link FlowConfig#defaults()}). {@code bypassed} is
 * accepted and has no use (Vigil bypasses no flow).
 */
final class FlowTimeouts {
  private static final String[] PROTOS = {"tcp", "udp", "icmp", "default"};

  private FlowTimeouts() {}

  /** {@code base} with the timeouts {@code config} sets. */
  static FlowConfig apply(FlowConfig base, VigilConfig config) {
    int[] normal = base.timeouts().clone();
    int[] emergency = base.emergencyTimeouts().clone();
    for (int p = 0; p < PROTOS.length; p++) {
      for (FlowState s : FlowState.values()) {
        String name = s.name().toLowerCase(java.util.Locale.ROOT);
        int i = p * 3 + s.ordinal();
        normal[i] = seconds(config, "flow-timeouts." + PROTOS[p] + "." + name, normal[i]);
        emergency[i] =
            seconds(config, "flow-timeouts." + PROTOS[p] + ".emergency-" + name, emergency[i]);
      }
    }
    return new FlowConfig(
        base.memcapBytes(),
        base.hashSize(),
        normal,
        emergency,
        base.emergencyRecovery(),
        base.prealloc());
  }

  private static int seconds(VigilConfig c, String key, int def) {
    Object v = c.get(key);
    if (v == null) {
      return def;
    }
    try {
      long n =
          v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v).strip());
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (int) n;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          key + ": expected seconds (a whole number >= 0), found '" + v + "'");
    }
  }
}
