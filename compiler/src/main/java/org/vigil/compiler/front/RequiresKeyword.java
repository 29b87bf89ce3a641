package org.vigil.compiler.front;

import java.util.Locale;
import java.util.Map;

/**
 * {@code requires:feature <name>, version <op> <x.y.z> [<op> <x.y.z>]...}: what a rule needs of the
 * engine, checked at load as Suricata 7 checks it. Vigil follows Suricata {@link #VERSION} and has
 * none of Suricata's optional features, so a rule whose requirement fails is skipped with the
 * reason (Suricata skips it without counting it as a failure); one whose requirements hold loads as
 * if the option were not there.
 */
final class RequiresKeyword {
  private RequiresKeyword() {}

  /** The Suricata version whose rule semantics Vigil follows. */
  static final int[] VERSION = {7, 0, 10};

  static void register(Map<String, KeywordParser> m) {
    m.put("requires", RequiresKeyword::requires);
  }

  private static void requires(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    for (OptionArgs part : a.split()) {
      String[] w = part.text().strip().split("\\s+");
      switch (w[0].toLowerCase(Locale.ROOT)) {
        case "feature" -> {
          if (w.length != 2) {
            throw part.error("expected 'feature <name>'");
          }
          throw new RuleException(
              a.keywordPos(),
              "requirement not met",
              "requires feature '" + w[1] + "', which Vigil does not have: rule skipped");
        }
        case "version" -> version(part, w, a);
        default -> throw part.error("unknown requirement '" + w[0] + "' (feature, version)");
      }
    }
  }

  /** {@code version >= 7.0.3 < 8}: every comparison must hold for {@link #VERSION}. */
  private static void version(OptionArgs part, String[] w, OptionArgs a) {
    if (w.length < 3 || w.length % 2 == 0) {
      throw part.error("expected 'version <op> <x.y.z> [<op> <x.y.z>]...'");
    }
    for (int i = 1; i < w.length; i += 2) {
      int c = compare(VERSION, parse(part, w[i + 1]));
      boolean ok =
          switch (w[i]) {
            case ">=" -> c >= 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case "<" -> c < 0;
            case "=" -> c == 0;
            default -> throw part.error("unknown version operator '" + w[i] + "'");
          };
      if (!ok) {
        throw new RuleException(
            a.keywordPos(),
            "requirement not met",
            "requires version "
                + w[i]
                + " "
                + w[i + 1]
                + "; Vigil follows Suricata 7.0.10: rule skipped");
      }
    }
  }

  private static int[] parse(OptionArgs part, String v) {
    String[] f = v.split("\\.", -1);
    if (f.length > 3) {
      throw part.error("invalid version '" + v + "'");
    }
    int[] out = new int[3];
    for (int i = 0; i < f.length; i++) {
      try {
        out[i] = Integer.parseInt(f[i]);
      } catch (NumberFormatException e) {
        throw part.error("invalid version '" + v + "'");
      }
    }
    return out;
  }

  private static int compare(int[] a, int[] b) {
    for (int i = 0; i < 3; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }
}
