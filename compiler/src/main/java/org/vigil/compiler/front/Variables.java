package org.vigil.compiler.front;

import java.util.HashMap;
import java.util.Map;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;

/**
 * Rule variables: address groups and port groups by name, as definition text in rule syntax (e.g.
 * {@code "[10.0.0.0/8,!10.1.0.0/16]"}, {@code "$HOME_NET"}, {@code "80"}).
 */
public record Variables(Map<String, String> addresses, Map<String, String> ports) {
  public Variables {
    addresses = Map.copyOf(addresses);
    ports = Map.copyOf(ports);
  }

  /**
   * Suricata 7's default variables, with HOME_NET and EXTERNAL_NET set to any (Vigil's default).
   */
  public static Variables defaults() {
    return from(VigilConfig.defaults());
  }

  /**
   * The vars.address-groups and vars.port-groups of a configuration, each checked once: a
   * definition that is not a valid address or port specification is one {@link ConfigException}
   * naming every such variable, not an error per rule that uses it.
   */
  public static Variables from(VigilConfig config) {
    Variables v = new Variables(config.addressGroups(), config.portGroups());
    java.util.List<String> bad = new HeaderBuilder(v).invalidVariables();
    if (!bad.isEmpty()) {
      throw new ConfigException(String.join("; ", bad));
    }
    return v;
  }

  /** A copy with one address variable (re)defined. */
  public Variables withAddress(String name, String definition) {
    Map<String, String> m = new HashMap<>(addresses);
    m.put(name, definition);
    return new Variables(m, ports);
  }

  /** A copy with one port variable (re)defined. */
  public Variables withPort(String name, String definition) {
    Map<String, String> m = new HashMap<>(ports);
    m.put(name, definition);
    return new Variables(addresses, m);
  }
}
