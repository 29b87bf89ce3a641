package org.vigil.output;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which records an EVE writer logs ({@code outputs.eve-log.types}): the kinds the outputs make
 * themselves, and the app-layer records by their event type ("http", "tls", …; any protocol's, as
 * the writer does not know them).
 *
 * @param kinds the non-app kinds
 * @param appTypes the app records' event types logged (when not {@code allAppTypes})
 * @param allAppTypes every app record is logged
 */
public record EveTypes(
    Set<EveJsonWriter.Type> kinds,
    Set<String> appTypes,
    boolean allAppTypes,
    Map<String, Map<String, Object>> options) {
  private static final Pattern APP_TYPE = Pattern.compile("[a-z][a-z0-9_-]*");

  /** Everything (the default when no {@code types} is configured). */
  public static final EveTypes ALL =
      new EveTypes(EnumSet.allOf(EveJsonWriter.Type.class), Set.of(), true);

  /** Copies the sets. */
  public EveTypes {
    kinds = kinds.isEmpty() ? EnumSet.noneOf(EveJsonWriter.Type.class) : EnumSet.copyOf(kinds);
    appTypes = Set.copyOf(appTypes);
    options = Map.copyOf(options);
  }

  /** The types without options of their own. */
  public EveTypes(Set<EveJsonWriter.Type> kinds, Set<String> appTypes, boolean allAppTypes) {
    this(kinds, appTypes, allAppTypes, Map.of());
  }

  /**
   * The options written under type {@code name} ({@code - alert: {payload: yes}} gives {@code
   * payload: yes} for {@code alert}); empty when none.
   */
  public Map<String, Object> options(String name) {
    return options.getOrDefault(name, Map.of());
  }

  /** The kinds {@code kinds} and no app record. */
  public static EveTypes of(Set<EveJsonWriter.Type> kinds) {
    return new EveTypes(kinds, Set.of(), false);
  }

  /** True when records of kind {@code kind} are logged. */
  public boolean logs(EveJsonWriter.Type kind) {
    return kinds.contains(kind);
  }

  /** True when app records of event type {@code eventType} are logged. */
  public boolean logsApp(String eventType) {
    return allAppTypes
        || appTypes.contains(eventType)
        || (eventType.equals("ftp_data") && appTypes.contains("ftp")); // as suricata.yaml's "ftp"
  }

  /**
   * Parses an EVE {@code types} setting: a list of names, each a plain string or a one-key map
   * ({@code - http: {extended: yes}}, as suricata.yaml writes them; one with {@code enabled: no} is
   * left out); {@code alert}, {@code anomaly}, {@code files} (fileinfo records), {@code flow},
   * {@code drop} and {@code stats} are the outputs' own kinds, any other lower-case name is an app
   * record's event type. Null: everything.
   */
  public static EveTypes parse(Object setting, String key) {
    if (setting == null) {
      return ALL;
    }
    if (!(setting instanceof List<?> list)) {
      throw new OutputConfigException(
          key, "expected a list of record types (alert, http, flow, …)");
    }
    EnumSet<EveJsonWriter.Type> kinds = EnumSet.noneOf(EveJsonWriter.Type.class);
    Set<String> app = new LinkedHashSet<>();
    Map<String, Map<String, Object>> options = new LinkedHashMap<>();
    for (Object o : list) {
      Map<String, Object> opts = Map.of();
      String name;
      if (o instanceof Map<?, ?> m && m.size() == 1) {
        var e = m.entrySet().iterator().next();
        name = String.valueOf(e.getKey()).trim();
        if (e.getValue() instanceof Map<?, ?> v) {
          Map<String, Object> copy = new LinkedHashMap<>();
          v.forEach((k, x) -> copy.put(String.valueOf(k), x == null ? "" : x));
          opts = copy;
        }
      } else {
        name = String.valueOf(o).trim();
      }
      if (!enabled(opts.get("enabled"))) {
        // suricata.yaml lists some types switched off (- pgsql: {enabled: no})
        continue;
      }
      options.put(name, opts);
      EveJsonWriter.Type kind = kind(name);
      if (kind != null) {
        kinds.add(kind);
      } else if (APP_TYPE.matcher(name).matches()) {
        app.add(name);
      } else {
        throw new OutputConfigException(
            key,
            "unknown EVE type '" + name + "' (alert, flow, drop, stats or a protocol: http, …)");
      }
    }
    return new EveTypes(kinds, app, false, options);
  }

  /** A type's {@code enabled} option as Suricata reads it: absent or a YAML true. */
  private static boolean enabled(Object v) {
    return v == null
        || switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
          case "yes", "true", "on", "1" -> true;
          default -> false;
        };
  }

  private static EveJsonWriter.Type kind(String name) {
    for (EveJsonWriter.Type t : EveJsonWriter.Type.values()) {
      if (t.yamlName().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
