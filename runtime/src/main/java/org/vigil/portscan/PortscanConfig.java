package org.vigil.portscan;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;

/**
 * The {@code portscan:} section of vigil.yaml.
 *
 * @param enabled whether the detector runs
 * @param protocols the protocols tracked
 * @param scanTypes the scan types alerted on
 * @param sense the sense level (window and thresholds)
 * @param watch when not empty, only packets from or to these hosts are tracked
 * @param ignoreScanners hosts never reported as scanners
 * @param ignoreScanned hosts never reported as scanned
 * @param memcapBytes the most memory the trackers take; the least recently used tracker makes room
 *     for a new one beyond it (counted as an eviction)
 */
public record PortscanConfig(
    boolean enabled,
    Set<ScanProtocol> protocols,
    Set<ScanType> scanTypes,
    SenseLevel sense,
    HostList watch,
    HostList ignoreScanners,
    HostList ignoreScanned,
    long memcapBytes) {

  /** The default memcap (Snort's example configuration's). */
  public static final long DEFAULT_MEMCAP = org.vigil.config.Memcaps.DEFAULT_PORTSCAN_MEMCAP;

  /** Copies the sets. */
  public PortscanConfig {
    protocols = Set.copyOf(protocols);
    scanTypes = Set.copyOf(scanTypes);
  }

  /** Every protocol and scan type at {@code sense}, no lists, the default memcap. */
  public static PortscanConfig all(SenseLevel sense) {
    return new PortscanConfig(
        true,
        EnumSet.allOf(ScanProtocol.class),
        EnumSet.allOf(ScanType.class),
        sense,
        HostList.empty(),
        HostList.empty(),
        HostList.empty(),
        DEFAULT_MEMCAP);
  }

  /**
   * The section of {@code config}.
   *
   * @throws ConfigException naming the key of a value that is not understood
   */
  public static PortscanConfig from(VigilConfig config) {
    boolean enabled = config.getBoolean("portscan.enabled", false);
    EnumSet<ScanProtocol> protocols = EnumSet.noneOf(ScanProtocol.class);
    for (String p : items(config, "portscan.protocols", "all")) {
      if (p.equalsIgnoreCase("all")) {
        protocols.addAll(EnumSet.allOf(ScanProtocol.class));
      } else {
        protocols.add(parse("portscan.protocols", p, ScanProtocol::of, "tcp, udp, icmp, ip, all"));
      }
    }
    EnumSet<ScanType> types = EnumSet.noneOf(ScanType.class);
    for (String t : items(config, "portscan.scan-types", "all")) {
      if (t.equalsIgnoreCase("all")) {
        types.addAll(EnumSet.allOf(ScanType.class));
      } else {
        types.add(
            parse(
                "portscan.scan-types",
                t,
                ScanType::of,
                "portscan, portsweep, decoy_portscan, distributed_portscan, all"));
      }
    }
    SenseLevel sense =
        parse(
            "portscan.sense-level",
            config.getString("portscan.sense-level", "low"),
            SenseLevel::of,
            "low, medium, high");
    long memcap = config.getSize("portscan.memcap", DEFAULT_MEMCAP);
    if (enabled && memcap < ScanTracker.ENTRY_BYTES * 100L) {
      throw new ConfigException(
          "portscan.memcap: "
              + memcap
              + " bytes hold fewer than 100 trackers; give at least "
              + ScanTracker.ENTRY_BYTES * 100L);
    }
    return new PortscanConfig(
        enabled,
        protocols,
        types,
        sense,
        hosts(config, "portscan.watch-ip"),
        hosts(config, "portscan.ignore-scanners"),
        hosts(config, "portscan.ignore-scanned"),
        memcap);
  }

  /** Whether the detector tracks the hosts a scanned host is scanned by (portscan, decoy, dist). */
  boolean tracksScanned() {
    return scanTypes.contains(ScanType.PORTSCAN)
        || scanTypes.contains(ScanType.DECOY_PORTSCAN)
        || scanTypes.contains(ScanType.DISTRIBUTED_PORTSCAN);
  }

  private interface Parser<T> {
    T parse(String s);
  }

  private static <T> T parse(String key, String value, Parser<T> parser, String known) {
    try {
      return parser.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          key + ": unknown value '" + value.strip() + "' (known: " + known + ")");
    }
  }

  private static HostList hosts(VigilConfig config, String key) {
    try {
      return HostList.of(items(config, key, ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }

  /** The items of a list value, or of a comma-separated text (an empty text: none). */
  private static List<String> items(VigilConfig config, String key, String def) {
    Object v = config.get(key);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) {
        out.add(String.valueOf(o).strip());
      }
      return out;
    }
    String s = v == null ? def : String.valueOf(v).strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    for (String part : s.split(",")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }
}
