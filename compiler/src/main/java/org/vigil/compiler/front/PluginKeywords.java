package org.vigil.compiler.front;

import java.util.Set;
import java.util.regex.Pattern;
import org.vigil.compiler.ir.PluginOption;
import org.vigil.compiler.ir.SourcePos;
import org.vigil.detect.KeywordPlugins;
import org.vigil.detect.api.KeywordPlugin;

/**
 * The rule keywords added by {@link KeywordPlugin}s: consulted only for a keyword Vigil does not
 * implement itself (the class path is searched the first time that happens), and parsed by asking
 * the plugin to prepare the value, so a bad value is rejected at {@code file:line:col} like any
 * other. Shared by the threads of one parse.
 */
final class PluginKeywords {
  private static final Pattern CONTINUATION = Pattern.compile("\\\\[ \\t]*\\r?\\n");

  private final KeywordPlugins given;
  private volatile KeywordPlugins loaded;
  private volatile RuntimeException failure;

  /** Plugins {@code given}, or null to find them on the class path when first needed. */
  PluginKeywords(KeywordPlugins given) {
    this.given = given;
  }

  /**
   * The plugin implementing {@code keyword}, or null; a plugin that cannot be loaded, or that
   * claims a built-in keyword ({@code builtIn}), rejects the rule at {@code pos} with the reason.
   */
  KeywordPlugin find(String keyword, SourcePos pos, Set<String> builtIn) {
    KeywordPlugins ps = plugins(pos, builtIn);
    return ps.find(keyword);
  }

  private KeywordPlugins plugins(SourcePos pos, Set<String> builtIn) {
    KeywordPlugins p = loaded;
    if (p != null) {
      return p;
    }
    synchronized (this) {
      if (loaded == null && failure == null) {
        try {
          KeywordPlugins ps = given != null ? given : KeywordPlugins.fromClassPath();
          for (String n : ps.names()) {
            if (builtIn.contains(n)) {
              throw new IllegalStateException(
                  "keyword plugin "
                      + ps.find(n).getClass().getName()
                      + " claims '"
                      + n
                      + "', a keyword Vigil implements itself");
            }
          }
          loaded = ps;
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw new RuleException(pos, "keyword plugins", failure.getMessage());
      }
      return loaded;
    }
  }

  /** Parses option {@code args} with {@code plugin} and adds it to {@code rule}. */
  static void parse(KeywordPlugin plugin, OptionArgs args, RuleBuilder rule) {
    String value = CONTINUATION.matcher(args.text()).replaceAll("").strip();
    KeywordPlugin.Prepared prepared;
    try {
      prepared = plugin.prepare(value);
    } catch (IllegalArgumentException e) {
      throw args.error(e.getMessage() == null ? "invalid value '" + value + "'" : e.getMessage());
    } catch (RuntimeException e) {
      throw args.error(
          "keyword plugin " + plugin.getClass().getName() + " failed on '" + value + "': " + e);
    }
    if (prepared == null) {
      throw args.error(
          "keyword plugin "
              + plugin.getClass().getName()
              + " returned no state for '"
              + value
              + "'");
    }
    rule.add(
        new PluginOption(
            args.keywordPos(),
            args.keyword(),
            value,
            rule.currentBuffer(),
            prepared.relative(),
            plugin.getClass().getName(),
            plugin.version()));
  }
}
