package org.vigil.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys Vigil reads, to refuse a mistyped one: every key of the built-in defaults plus {@link
 * #KNOWN}. A pattern segment {@code *} stands for any one segment, a trailing {@code **} for any
 * subtree. Sections of Suricata's configuration that Vigil does not implement are not errors but
 * one warning ({@link #SURICATA_ONLY}). A module that reads a new key adds it to the defaults file
 * or to {@link #KNOWN}.
 */
final class ConfigKeys {
  /** Keys read beyond those the defaults file sets. */
  static final List<String> KNOWN =
      List.of(
          "vars.address-groups.*",
          "vars.port-groups.*",
          "host-os-policy.*",
          "host-os-policy.default",
          "checksums.validate",
          "stream.inline",
          "stream.midstream",
          "stream.reassembly.depth",
          "stream.memcap",
          "stream.reassembly.memcap",
          "flow.**",
          "flow-timeouts.**",
          "defrag.**",
          "datasets.**",
          "default-data-dir",
          "pcre.match-limit",
          "pcre.match-limit-recursion",
          "packet-alert-max",
          "max-memory",
          "app-layer.**",
          "outputs.**",
          "threading.runmode",
          "threading.threads",
          "threading.workers.**",
          "threading.modules.**",
          "threading.router",
          "threading.flow-owner",
          "threading.queue-size",
          "threading.output.**",
          "threading.set-cpu-affinity",
          "threading.cpu-affinity.**",
          "classification-file",
          "reference-config-file",
          "threshold-file",
          // the host field of shipped records (outputs.kafka)
          "sensor-name",
          "default-rule-path",
          "rule-files",
          "detect.**",
          "pcap-file.recursive",
          "pcap-file.continuous",
          "pcap-file.delete-when-done",
          "pcap-file.delay",
          "pcap-file.poll-interval",
          "unix-command.enabled",
          "unix-command.filename",
          // a list of interface entries, each checked by the capture's own options
          "af-packet");

  /**
   * Top-level sections of suricata.yaml that Vigil ignores (listed once as a warning when present).
   */
  static final Set<String> SURICATA_ONLY =
      Set.of(
          "suricata-version",
          "af-xdp",
          "pcap",
          "pcap-file",
          "nfq",
          "nflog",
          "netmap",
          "pfring",
          "ipfw",
          "dpdk",
          "napatech",
          "logging",
          "profiling",
          "unix-command",
          "magic-file",
          "legacy",
          "engine-analysis",
          "luajit",
          "coredump",
          "host-mode",
          "default-log-dir",
          "asn1-max-frames",
          "run-as",
          "pid-file",
          "security",
          "decoder",
          "plugins",
          "exception-policy",
          "stats",
          "host",
          "ippair",
          "geoip-database",
          "vlan",
          "livedev",
          "action-order",
          "capture",
          "max-pending-packets",
          "runmode",
          "autofp-scheduler",
          "default-packet-size",
          "mpm-algo",
          "spm-algo",
          "cuda",
          "ipv6",
          "rule-reload",
          "daemon-directory",
          "umask",
          "lua",
          "http-log",
          "file-store",
          "reputation-categories-file",
          "reputation-files",
          "default-reputation-path",
          "host-os-policy-file",
          "detect-engine",
          "app-layer-event-rules",
          "include",
          "classification",
          "mqtt");

  private ConfigKeys() {}

  /**
   * Checks the keys of a user tree ({@code where} names the file); unknown ones are a {@link
   * ConfigException}.
   */
  static void check(
      Map<String, Object> user, Map<String, Object> defaults, String where, List<String> warnings) {
    List<String> known = known(defaults);
    List<String> ignored = new ArrayList<>();
    // a suricata.yaml (it says its version): the keys Vigil does not read are Suricata's, ignored
    // with the warning; in a vigil.yaml an unknown key is a mistake
    List<String> lenient = user.containsKey("suricata-version") ? ignored : null;
    for (Map.Entry<String, Object> e : user.entrySet()) {
      if (SURICATA_ONLY.contains(e.getKey()) && !covered(known, e.getKey(), true)) {
        ignored.add(e.getKey());
      } else if (SURICATA_ONLY.contains(e.getKey()) && e.getValue() instanceof Map<?, ?> section) {
        // a section Vigil reads some keys of: the others are Suricata's, ignored with the warning
        for (Map.Entry<?, ?> k : section.entrySet()) {
          String key = e.getKey() + "." + k.getKey();
          if (covered(known, key, true)) {
            walk(key, k.getValue(), known, where, lenient);
          } else {
            ignored.add(key);
          }
        }
      } else {
        walk(e.getKey(), e.getValue(), known, where, lenient);
      }
    }
    if (!ignored.isEmpty()) {
      warnings.add(
          where
              + ": sections of suricata.yaml that Vigil does not implement are ignored: "
              + String.join(", ", ignored));
    }
  }

  /** Checks one {@code --set} key; one of a section Vigil does not implement is a warning. */
  static void checkSet(String key, Map<String, Object> defaults, List<String> warnings) {
    List<String> known = known(defaults);
    String section = key.split("\\.", 2)[0];
    if (SURICATA_ONLY.contains(section) && !covered(known, key, false)) {
      warnings.add(
          covered(known, section, true)
              ? "--set " + key + ": not one of the keys of '" + section + "' Vigil reads; ignored"
              : "--set "
                  + key
                  + ": section '"
                  + section
                  + "' of suricata.yaml is not implemented by Vigil; ignored");
    } else if (!covered(known, key, false)) {
      throw unknown("--set " + key, key, known);
    }
  }

  /**
   * Checks the key {@code path} and the keys below it; an unknown one is refused, or added to
   * {@code ignored} when that is not null.
   */
  @SuppressWarnings("unchecked")
  private static void walk(
      String path, Object value, List<String> known, String where, List<String> ignored) {
    if (value instanceof Map<?, ?> m && !covered(known, path, false)) {
      if (!covered(known, path, true)) {
        unknown(where, path, known, ignored);
        return;
      }
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        walk(path + "." + e.getKey(), e.getValue(), known, where, ignored);
      }
    } else if (!covered(known, path, false)) {
      unknown(where, path, known, ignored);
    }
  }

  private static void unknown(String where, String path, List<String> known, List<String> ignored) {
    if (ignored == null) {
      throw unknown(where, path, known);
    }
    ignored.add(path);
  }

  /** Whether {@code key} is a known key ({@code prefix}: or the section above one). */
  private static boolean covered(List<String> known, String key, boolean prefix) {
    String[] k = key.split("\\.", -1);
    for (String pattern : known) {
      String[] p = pattern.split("\\.");
      if (matches(p, k, prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String[] p, String[] k, boolean prefix) {
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals("**")) {
        return true;
      }
      if (i >= k.length) {
        return prefix;
      }
      if (!p[i].equals("*") && !p[i].equals(k[i])) {
        return false;
      }
    }
    return p.length == k.length;
  }

  private static ConfigException unknown(String where, String key, List<String> known) {
    String near = nearest(key, known);
    return new ConfigException(
        where
            + ": unknown key '"
            + key
            + "'"
            + (near == null ? "" : " (did you mean '" + near + "'?)"));
  }

  private static String nearest(String key, List<String> known) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String k : known) {
      String candidate = k.replace(".**", "").replace("**", "");
      if (candidate.contains("*")) {
        continue;
      }
      int d = distance(key, candidate);
      if (d < bestD) {
        bestD = d;
        best = candidate;
      }
    }
    return best != null && bestD <= Math.max(3, key.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static List<String> known(Map<String, Object> defaults) {
    Set<String> out = new TreeSet<>(KNOWN);
    leaves("", defaults, out);
    return List.copyOf(out);
  }

  @SuppressWarnings("unchecked")
  private static void leaves(String prefix, Map<String, Object> tree, Set<String> out) {
    for (Map.Entry<String, Object> e : tree.entrySet()) {
      String k = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> m && !m.isEmpty()) {
        leaves(k + ".", (Map<String, Object>) m, out);
      } else {
        out.add(k);
      }
    }
  }
}
