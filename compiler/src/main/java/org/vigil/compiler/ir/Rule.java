package org.vigil.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One parsed rule: header (action, protocol, addresses, ports, direction) and its options in source
 * order. Variables in the header are {@link AddressSpec.Var}/{@link PortSpec.Var} carrying their
 * resolved value.
 */
public record Rule(
    RuleSource source,
    Action action,
    Protocol protocol,
    AddressSpec sourceAddress,
    PortSpec sourcePort,
    Direction direction,
    AddressSpec destinationAddress,
    PortSpec destinationPort,
    List<RuleOption> options) {
  public Rule {
    options = List.copyOf(options);
  }

  /** Position of the rule's first character. */
  public SourcePos pos() {
    return source.pos();
  }

  /** All options of one type, in source order. */
  public <T extends RuleOption> List<T> all(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (RuleOption o : options) {
      if (type.isInstance(o)) {
        out.add(type.cast(o));
      }
    }
    return out;
  }

  /** The first option of one type. */
  public <T extends RuleOption> Optional<T> first(Class<T> type) {
    for (RuleOption o : options) {
      if (type.isInstance(o)) {
        return Optional.of(type.cast(o));
      }
    }
    return Optional.empty();
  }

  /** The signature id (0 if the rule has none, which the front end does not let through). */
  public long sid() {
    return first(Sid.class).map(Sid::value).orElse(0L);
  }

  /** The generator id, 1 by default. */
  public long gid() {
    return first(Gid.class).map(Gid::value).orElse(1L);
  }

  /** The revision, 0 when absent. */
  public long rev() {
    return first(Rev.class).map(Rev::value).orElse(0L);
  }

  /** The alert message, "" when absent. */
  public String msg() {
    return first(Msg.class).map(Msg::text).orElse("");
  }

  /** The classtype name, or null. */
  public String classtype() {
    return first(Classtype.class).map(Classtype::name).orElse(null);
  }

  /** The explicit priority, or null (then the classtype's priority applies). */
  public Integer priority() {
    return first(Priority.class).map(Priority::value).orElse(null);
  }
}
