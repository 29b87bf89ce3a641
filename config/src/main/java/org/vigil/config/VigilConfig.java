package org.vigil.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Vigil configuration: built-in defaults, a vigil.yaml merged over them (Suricata's shape),
 * then {@code --set key=value} overrides. Immutable; typed getters name the key in every error.
 */
public final class VigilConfig {
  /** Target-based reassembly policies a host may get. */
  public static final Set<String> POLICIES =
      Set.of(
          "first",
          "last",
          "bsd",
          "linux",
          "old_linux",
          "solaris",
          "windows",
          "vista",
          "macos",
          "hpux10",
          "hpux11",
          "irix");

  static final String DEFAULTS = "default-vigil.yaml";

  private final Map<String, Object> tree;
  private final Path baseDir;
  private final List<String> warnings;

  private VigilConfig(Map<String, Object> tree, Path baseDir, List<String> warnings) {
    this.tree = tree;
    this.baseDir = baseDir;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * What was ignored while loading (sections of suricata.yaml that Vigil does not implement), one
   * line each.
   */
  public List<String> warnings() {
    return warnings;
  }

  /** The built-in defaults only. */
  public static VigilConfig defaults() {
    return load(null, List.of());
  }

  /**
   * Loads the defaults, merges {@code yamlOrNull} over them (when given) and applies each {@code
   * key=value} of {@code sets}. Throws {@link ConfigException} naming the file or key.
   */
  public static VigilConfig load(Path yamlOrNull, List<String> sets) {
    Map<String, Object> tree = YamlTree.readDefaults();
    Map<String, Object> defaults = YamlTree.readDefaults();
    List<String> warnings = new ArrayList<>();
    Path base = null;
    if (yamlOrNull != null) {
      Map<String, Object> user = YamlTree.readFile(yamlOrNull);
      ConfigKeys.check(user, defaults, yamlOrNull.toString(), warnings);
      YamlTree.merge(tree, user, "");
      base = yamlOrNull.toAbsolutePath().getParent();
    }
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--set " + s + ": expected key=value");
      }
      YamlTree.set(tree, s.substring(0, eq).strip(), s.substring(eq + 1).strip());
      ConfigKeys.checkSet(s.substring(0, eq).strip(), defaults, warnings);
    }
    VigilConfig c = new VigilConfig(tree, base, warnings);
    c.validate();
    return c;
  }

  private void validate() {
    addressGroups();
    portGroups();
    hostOsPolicyDefault();
    hostOsPolicies();
    checksumsValidate();
    streamInline();
    streamMidstream();
    streamReassemblyDepth();
    streamTtlDelta();
    pcreMatchLimit();
    pcreMatchLimitRecursion();
    Memcaps.from(this);
  }

  /**
   * The effective configuration as Suricata's {@code --dump-config} shows it: one {@code key =
   * value} line per leaf in file order, list items keyed by their index.
   */
  public List<String> dump() {
    List<String> out = new ArrayList<>();
    dump("", tree, out);
    return out;
  }

  private static void dump(String prefix, Object node, List<String> out) {
    switch (node) {
      case Map<?, ?> m -> {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          dump(
              prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(),
              e.getValue(),
              out);
        }
      }
      case List<?> l -> {
        for (int i = 0; i < l.size(); i++) {
          dump(prefix + "." + i, l.get(i), out);
        }
      }
      case null -> out.add(prefix + " = ");
      default -> out.add(prefix + " = " + node);
    }
  }

  /** The raw value at a dotted key, or null. */
  public Object get(String key) {
    Object cur = tree;
    for (String part : key.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(part);
    }
    return cur;
  }

  /**
   * The value at a dotted key as text (lists as {@code [a,b]}), or {@code def} when absent or
   * empty.
   */
  public String getString(String key, String def) {
    Object v = get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Map) {
      throw new ConfigException(key + ": expected a value, found a section");
    }
    String s = text(v);
    return s.isEmpty() ? def : s;
  }

  private static String text(Object v) {
    if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      for (Object o : l) {
        items.add(text(o));
      }
      return "[" + String.join(",", items) + "]";
    }
    return String.valueOf(v);
  }

  /** A yes/no value at {@code key}. */
  public boolean getBoolean(String key, boolean def) {
    Object v = get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return switch (String.valueOf(v).strip().toLowerCase(Locale.ROOT)) {
      case "yes", "true", "on", "1" -> true;
      case "no", "false", "off", "0" -> false;
      default ->
          throw new ConfigException(key + ": expected yes/no or true/false, found '" + v + "'");
    };
  }

  /** A byte size at {@code key}: a number with optional kb/mb/gb suffix. */
  public long getSize(String key, long def) {
    Object v = get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    String s = String.valueOf(v).strip().toLowerCase(Locale.ROOT);
    long mult = 1;
    if (s.endsWith("kb")) {
      mult = 1024;
    } else if (s.endsWith("mb")) {
      mult = 1024 * 1024;
    } else if (s.endsWith("gb")) {
      mult = 1024L * 1024 * 1024;
    }
    String digits = mult == 1 ? s : s.substring(0, s.length() - 2).strip();
    try {
      long n = Long.parseLong(digits);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n * mult;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          key + ": expected a size such as 1048576, 64kb or 1mb, found '" + v + "'");
    }
  }

  private Map<String, String> group(String key) {
    Object v = get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new ConfigException(key + ": expected a mapping of NAME: value");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new ConfigException(key + "." + name + ": invalid variable name");
      }
      if (e.getValue() == null || e.getValue() instanceof Map) {
        throw new ConfigException(key + "." + name + ": expected an address or port specification");
      }
      out.put(name, text(e.getValue()).strip());
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@code vars.address-groups}: variable name to its definition in rule syntax. */
  public Map<String, String> addressGroups() {
    return group("vars.address-groups");
  }

  /** {@code vars.port-groups}: variable name to its definition in rule syntax. */
  public Map<String, String> portGroups() {
    return group("vars.port-groups");
  }

  /** {@code host-os-policy.default}: the policy of hosts not listed (bsd unless set). */
  public String hostOsPolicyDefault() {
    String p = normalizePolicy(getString("host-os-policy.default", "bsd"));
    if (!POLICIES.contains(p)) {
      throw new ConfigException(
          "host-os-policy.default: unknown policy '" + p + "' (one of " + sorted(POLICIES) + ")");
    }
    return p;
  }

  /**
   * {@code host-os-policy.<policy>}: policy name to the addresses/CIDRs that get it (empty lists
   * left out).
   */
  public Map<String, List<String>> hostOsPolicies() {
    Object v = get("host-os-policy");
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new ConfigException("host-os-policy: expected a mapping");
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (name.equals("default")) {
        continue;
      }
      String p = normalizePolicy(name);
      if (!POLICIES.contains(p)) {
        throw new ConfigException(
            "host-os-policy." + name + ": unknown policy (one of " + sorted(POLICIES) + ")");
      }
      List<String> cidrs = listOf("host-os-policy." + name, e.getValue());
      for (String c : cidrs) {
        if (!c.matches("[0-9A-Fa-f:.]+(/[0-9]{1,3})?")) {
          throw new ConfigException(
              "host-os-policy." + name + ": '" + c + "' is not an address or CIDR");
        }
      }
      if (!cidrs.isEmpty()) {
        out.put(p, cidrs);
      }
    }
    return out;
  }

  private static String normalizePolicy(String name) {
    String p = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    return switch (p) {
      case "windows2k3" -> "windows";
      case "bsd_right" -> "bsd";
      case "old_solaris" -> "solaris";
      default -> p;
    };
  }

  private static List<String> listOf(String key, Object v) {
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v instanceof List<?> l) {
      for (Object o : l) {
        out.add(String.valueOf(o).strip());
      }
      return out;
    }
    if (v instanceof Map) {
      throw new ConfigException(key + ": expected a list of addresses");
    }
    String s = String.valueOf(v).strip();
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

  private static String sorted(Set<String> s) {
    return String.join(", ", new java.util.TreeSet<>(s));
  }

  /** {@code checksums.validate}: drop packets with bad checksums (default no). */
  public boolean checksumsValidate() {
    return getBoolean("checksums.validate", false);
  }

  /**
   * {@code stream.inline}: null when not set or {@code auto} (Suricata's meaning: inline when the
   * run is, yes on NFQUEUE, no otherwise).
   */
  public Boolean streamInline() {
    Object v = get("stream.inline");
    if (v == null || String.valueOf(v).strip().equalsIgnoreCase("auto")) {
      return null;
    }
    return getBoolean("stream.inline", false);
  }

  /** {@code stream.inline} resolved for a source: the setting, else {@code nfqueue}. */
  public boolean streamInline(boolean nfqueue) {
    Boolean b = streamInline();
    return b == null ? nfqueue : b;
  }

  /** {@code stream.midstream}: pick up sessions whose handshake was not seen (default false). */
  public boolean streamMidstream() {
    return getBoolean("stream.midstream", false);
  }

  /** {@code stream.reassembly.depth} in bytes (default 1 MiB; 0 = unlimited). */
  public long streamReassemblyDepth() {
    return getSize("stream.reassembly.depth", 1024 * 1024);
  }

  /**
   * {@code stream.ttl-delta}: a TCP segment whose TTL / hop limit is more than this below the first
   * one its sender used on the flow is a decoy that cannot reach the receiver, kept out of the
   * stream (dropped inline); 0 disables the guard (default 5; at most 255).
   */
  public int streamTtlDelta() {
    Object v = get("stream.ttl-delta");
    if (v == null) {
      return 5;
    }
    try {
      long n =
          v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v).strip());
      if (n < 0 || n > 255) {
        throw new NumberFormatException();
      }
      return (int) n;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "stream.ttl-delta: expected a whole number from 0 to 255, found '" + v + "'");
    }
  }

  /**
   * {@code pcre.match-limit}: Suricata's PCRE2 match limit, the backtracking budget of a pcre
   * search (default 3500).
   */
  public int pcreMatchLimit() {
    return positiveInt("pcre.match-limit", 3500);
  }

  /** {@code pcre.match-limit-recursion}: Suricata's PCRE2 depth limit (default 1500). */
  public int pcreMatchLimitRecursion() {
    return positiveInt("pcre.match-limit-recursion", 1500);
  }

  /**
   * {@code packet-alert-max}: the alerts logged per packet at most (Suricata's default 15); a value
   * outside 1 to 255 gives the default, as Suricata does.
   */
  public int packetAlertMax() {
    Object v = get("packet-alert-max");
    if (v == null) {
      return 15;
    }
    try {
      long n =
          v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v).strip());
      if (n >= 1 && n <= 255) {
        return (int) n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        "packet-alert-max: expected alerts per packet from 1 to 255, found '" + v + "'");
  }

  private int positiveInt(String key, int def) {
    Object v = get(key);
    if (v == null) {
      return def;
    }
    try {
      long n =
          v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v).strip());
      if (n < 1 || n > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (int) n;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + ": expected a whole number of at least 1, found '" + v + "'");
    }
  }

  /**
   * {@code classification-file}, resolved against the config file's folder; null for the bundled
   * file.
   */
  public Path classificationFile() {
    return path("classification-file");
  }

  /**
   * {@code reference-config-file}, resolved against the config file's folder; null for the bundled
   * file.
   */
  public Path referenceConfigFile() {
    return path("reference-config-file");
  }

  /**
   * {@code threshold-file}, resolved against the config file's folder; null when not set (no
   * threshold file).
   */
  public Path thresholdFile() {
    String s = getString("threshold-file", null);
    return s == null || s.isBlank() ? null : path("threshold-file");
  }

  private Path path(String key) {
    String s = getString(key, null);
    if (s == null) {
      return null;
    }
    Path p = Path.of(s);
    return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
  }
}
