package org.vigil.app.rdp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names Suricata 7's rdp records give the numbers of RDP's messages: client versions, Windows
 * builds (by release), keyboard types and layouts (Windows locale ids as language tags), early
 * capability flags, connection types, selected protocols and negotiation failures.
 */
final class RdpNames {
  /** What an unknown version, build or keyboard layout is logged as. */
  static final String UNKNOWN = "unknown";

  private static final Map<Long, String> BUILDS =
      Map.ofEntries(
          Map.entry(528L, "Windows NT 3.1"),
          Map.entry(807L, "Windows NT 3.5"),
          Map.entry(1057L, "Windows NT 3.51"),
          Map.entry(1381L, "Windows NT 4.0"),
          Map.entry(2195L, "Windows 2000"),
          Map.entry(2600L, "Windows XP"),
          Map.entry(3790L, "Windows Server 2003"),
          Map.entry(6000L, "Windows Vista RTM"),
          Map.entry(6001L, "Windows Vista SP1"),
          Map.entry(6002L, "Windows Vista SP2"),
          Map.entry(7600L, "Windows 7 RTM"),
          Map.entry(7601L, "Windows 7 SP1"),
          Map.entry(9200L, "Windows 8"),
          Map.entry(9600L, "Windows 8.1"),
          Map.entry(10240L, "Windows 10 TH1"),
          Map.entry(10586L, "Windows 10 TH2"),
          Map.entry(14393L, "Windows 10 RS1"),
          Map.entry(15063L, "Windows 10 RS2"),
          Map.entry(16299L, "Windows 10 RS3"),
          Map.entry(17134L, "Windows 10 RS4"),
          Map.entry(17763L, "Windows 10 RS5"));

  private static final String[] KEYBOARDS = {
    null, "xt", "ico", "at", "enhanced", "1050", "9140", "jp"
  };

  /** Early capability flags logged, by bit, in the order Suricata lists them (0x10 is not). */
  private static final List<Map.Entry<Integer, String>> CAPABILITIES =
      List.of(
          Map.entry(0x1, "support_errinfo_pdf"),
          Map.entry(0x2, "want_32bpp_session"),
          Map.entry(0x4, "support_statusinfo_pdu"),
          Map.entry(0x8, "strong_asymmetric_keys"),
          Map.entry(0x20, "valid_connection_type"),
          Map.entry(0x40, "support_monitor_layout_pdu"),
          Map.entry(0x80, "support_netchar_autodetect"),
          Map.entry(0x100, "support_dynvc_gfx_protocol"),
          Map.entry(0x200, "support_dynamic_time_zone"),
          Map.entry(0x400, "support_heartbeat_pdu"));

  private static final String[] HINTS = {
    null, "modem", "low_broadband", "satellite", "high_broadband", "wan", "lan", "autodetect"
  };

  private static final String[] FAILURES = {
    null,
    "ssl required by server",
    "ssl not allowed by server",
    "ssl cert not on server",
    "inconsistent flags",
    "hybrid required by server",
    "ssl with user auth required by server"
  };

  private static final Map<Long, String> LCIDS = lcids();

  private RdpNames() {}

  /** The client version ("v4", "v5", "v10.0"-"v10.7"), or {@link #UNKNOWN}. */
  static String version(long v) {
    if (v == 0x80001) {
      return "v4";
    }
    if (v == 0x80004) {
      return "v5";
    }
    if (v >= 0x80005 && v <= 0x8000c) {
      return "v10." + (v - 0x80005);
    }
    return UNKNOWN;
  }

  /** The Windows release of client build {@code build}, or {@link #UNKNOWN}. */
  static String build(long build) {
    return BUILDS.getOrDefault(build, UNKNOWN);
  }

  /** The language tag of Windows locale id {@code lcid}, or {@link #UNKNOWN}. */
  static String keyboardLayout(long lcid) {
    return LCIDS.getOrDefault(lcid, UNKNOWN);
  }

  /** The name of keyboard type {@code type} (1-7). */
  static String keyboardType(int type) {
    return KEYBOARDS[type];
  }

  /** The names of the early capability flags set in {@code flags}, in Suricata's order. */
  static List<String> capabilities(int flags) {
    return CAPABILITIES.stream()
        .filter(e -> (flags & e.getKey()) != 0)
        .map(Map.Entry::getValue)
        .toList();
  }

  /** The name of connection type {@code hint} (1-7). */
  static String connectionHint(int hint) {
    return HINTS[hint];
  }

  /** The name of the protocol a server selected (0, 1, 2, 4, 8). */
  static String protocol(int p) {
    return switch (p) {
      case 0 -> "rdp";
      case 1 -> "ssl";
      case 2 -> "hybrid";
      case 4 -> "rds_tls";
      default -> "hybrid_ex";
    };
  }

  /** The reason of negotiation failure {@code code} (1-6). */
  static String failure(int code) {
    return FAILURES[code];
  }

  private static Map<Long, String> lcids() {
    Map<Long, String> m = new HashMap<>();
    InputStream in = RdpNames.class.getResourceAsStream("lcids.txt");
    if (in == null) {
      throw new IllegalStateException("lcids.txt missing from the class path");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        m.put(Long.parseLong(f[0], 16), f[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(m);
  }
}
