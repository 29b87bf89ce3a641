package org.vigil.compiler.analysis;

import org.vigil.compiler.ir.AddressSpec;
import org.vigil.compiler.ir.AppLayerOption;
import org.vigil.compiler.ir.AppLayerProtocol;
import org.vigil.compiler.ir.Flow;
import org.vigil.compiler.ir.Flowbits;
import org.vigil.compiler.ir.Flowint;
import org.vigil.compiler.ir.IpProto;
import org.vigil.compiler.ir.MetaOption;
import org.vigil.compiler.ir.PacketOption;
import org.vigil.compiler.ir.PayloadOption;
import org.vigil.compiler.ir.PostDetectionOption;
import org.vigil.compiler.ir.Rule;
import org.vigil.compiler.ir.RuleOption;
import org.vigil.compiler.ir.StreamSize;
import org.vigil.compiler.ir.Xbits;
import org.vigil.detect.artifact.RuleMeta;

/**
 * Decides whether a rule is IP-only in Suricata 7's sense ({@link RuleMeta#IP_ONLY}): besides its
 * header it has only meta keywords, threshold / detection_filter / tag, {@code flowbits:set} and
 * {@code ip_proto} (which Suricata folds into the header's protocol set and drops as a keyword),
 * and neither address contains a negation once variables are resolved (Suricata then treats the
 * rule as "like IP-only", an ordinary packet rule). Suricata inspects such a rule only on the first
 * packet of each direction of a flow, and on every packet without a flow.
 */
public final class IpOnly {
  private IpOnly() {}

  /** True when {@code r} is an IP-only rule. */
  public static boolean of(Rule r) {
    for (RuleOption o : r.options()) {
      boolean compatible =
          switch (o) {
            case MetaOption m -> true;
            case PostDetectionOption p -> true;
            case IpProto p -> true;
            case Flowbits f -> f.command() == Flowbits.Command.SET;
            case Flow _,
                Xbits _,
                Flowint _,
                StreamSize _,
                AppLayerProtocol _,
                PacketOption _,
                PayloadOption _,
                AppLayerOption _ ->
                false;
          };
      if (!compatible) {
        return false;
      }
    }
    return !negated(r.sourceAddress()) && !negated(r.destinationAddress());
  }

  /** True when the address, with its variables resolved, contains a negation (or is unresolved). */
  private static boolean negated(AddressSpec a) {
    return switch (a) {
      case AddressSpec.Any x -> false;
      case AddressSpec.Cidr x -> false;
      case AddressSpec.Not x -> true;
      case AddressSpec.Group g -> g.items().stream().anyMatch(IpOnly::negated);
      case AddressSpec.Var v -> v.value() == null || negated(v.value());
    };
  }
}
