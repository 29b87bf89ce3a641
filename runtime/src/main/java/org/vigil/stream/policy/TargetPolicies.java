package org.vigil.stream.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named target policies of {@code host-os-policy} and the behaviour each name maps to (aliases
 * share one).
 */
public final class TargetPolicies {
  private static final Map<String, OverlapPolicy> BY_NAME;

  static {
    OverlapPolicy bsd = new BsdPolicy();
    OverlapPolicy first = new FirstPolicy();
    Map<String, OverlapPolicy> m = new LinkedHashMap<>();
    m.put("first", first);
    m.put("last", new LastPolicy());
    m.put("bsd", bsd);
    m.put("linux", new LinuxPolicy());
    m.put("old_linux", new OldLinuxPolicy());
    m.put("solaris", new SolarisPolicy());
    m.put("windows", bsd);
    m.put("windows2k3", bsd);
    m.put("vista", first);
    m.put("macos", bsd);
    m.put("hpux10", bsd);
    m.put("hpux11", new Hpux11Policy());
    m.put("irix", bsd);
    BY_NAME = Map.copyOf(m);
  }

  private TargetPolicies() {}

  /**
   * The policy for a {@code host-os-policy} name (case-insensitive, '-' accepted for '_'), if
   * known.
   */
  public static Optional<OverlapPolicy> byName(String name) {
    return Optional.ofNullable(
        BY_NAME.get(name.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_')));
  }

  /** The policy for a name, or an {@link IllegalArgumentException} naming the unknown value. */
  public static OverlapPolicy require(String name) {
    return byName(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown host-os-policy '"
                        + name
                        + "' (known: "
                        + String.join(", ", names())
                        + ")"));
  }

  /** Every accepted policy name. */
  public static Set<String> names() {
    return new java.util.TreeSet<>(BY_NAME.keySet());
  }

  /** Suricata's built-in default when no host entry matches. */
  public static OverlapPolicy defaultPolicy() {
    return BY_NAME.get("bsd");
  }
}
