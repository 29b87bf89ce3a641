package org.vigil.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.detect.api.RuleGuard;
import org.vigil.detect.api.RuleMatcher;
import org.vigil.detect.artifact.FileBytes;
import org.vigil.detect.artifact.RulesetImage;
import org.vigil.detect.artifact.VrsException;

/**
 * Turns a verified {@code .vrs} artifact ({@link RulesetImage}) into a runnable {@link Ruleset}:
 * its generated classes in their own class loader, defined on first use, its keyword plugins
 * prepared again.
 */
public final class RulesetLinker {
  private RulesetLinker() {}

  /**
   * Assembles the runnable ruleset; each generated class is defined in the ruleset's own class
   * loader when one of its rules is first evaluated (see {@link #link(RulesetImage, boolean)} to
   * define all now).
   */
  public static Ruleset link(RulesetImage image) {
    return link(image, false);
  }

  /**
   * Assembles the runnable ruleset; with {@code eager} every generated class is defined and
   * verified now. Keyword plugins the rules use are found on the class path ({@link
   * KeywordPlugins#fromClassPath}).
   */
  public static Ruleset link(RulesetImage image, boolean eager) {
    return link(
        image,
        eager,
        image.pluginUses.isEmpty() ? KeywordPlugins.none() : KeywordPlugins.fromClassPath());
  }

  /**
   * Assembles the runnable ruleset with the keyword plugins {@code plugins}: every plugin option is
   * prepared again from its value. An {@link IllegalStateException} names a plugin the rules need
   * that is missing, has another version than at compile time, or refuses a value.
   */
  public static Ruleset link(RulesetImage image, boolean eager, KeywordPlugins plugins) {
    return link(image, eager, plugins, RuleGuard.defaults());
  }

  /**
   * As {@link #link(RulesetImage, boolean, KeywordPlugins)}, with the pcre limits of {@code guard},
   * which also counts the rules' run-time failures and budget hits.
   */
  public static Ruleset link(
      RulesetImage image, boolean eager, KeywordPlugins plugins, RuleGuard guard) {
    Map<String, byte[]> bytes = new HashMap<>();
    for (RulesetImage.ClassEntry c : image.classes) {
      bytes.put(c.name(), c.bytes());
    }
    GeneratedClassLoader loader =
        new GeneratedClassLoader(
            RuleMatcher.class.getClassLoader(), bytes, preparePlugins(image, plugins), guard);
    RuleMatcher[] matchers = new RuleMatcher[image.meta.length];
    List<LazyMatcher> lazies = new ArrayList<>();
    for (RulesetImage.ClassEntry c : image.classes) {
      if (c.firstRule() < 0
          || c.ruleCount() < 0
          || c.firstRule() + c.ruleCount() > matchers.length) {
        throw new IllegalStateException(
            "corrupt ruleset: class " + c.name() + " covers rules outside the ruleset");
      }
      LazyMatcher lazy = new LazyMatcher(loader, c.name(), matchers, c.firstRule(), c.ruleCount());
      lazies.add(lazy);
      java.util.Arrays.fill(matchers, c.firstRule(), c.firstRule() + c.ruleCount(), lazy);
    }
    for (int r = 0; r < matchers.length; r++) {
      if (matchers[r] == null) {
        throw new IllegalStateException("corrupt ruleset: rule " + r + " has no code");
      }
    }
    if (eager) {
      lazies.forEach(LazyMatcher::resolve);
    }
    return new Ruleset(
        image.compilerVersion,
        image.sourceHash,
        image.meta,
        matchers,
        image.flowbitNames,
        image.anyGroups,
        image.portGroups,
        image.portMaps,
        guard);
  }

  /** As {@link #link(RulesetImage, boolean)} with the pcre limits of {@code guard}. */
  public static Ruleset link(RulesetImage image, boolean eager, RuleGuard guard) {
    return link(
        image,
        eager,
        image.pluginUses.isEmpty() ? KeywordPlugins.none() : KeywordPlugins.fromClassPath(),
        guard);
  }

  private static Map<Long, org.vigil.detect.api.KeywordPlugin.Prepared> preparePlugins(
      RulesetImage image, KeywordPlugins plugins) {
    Map<Long, org.vigil.detect.api.KeywordPlugin.Prepared> states = new HashMap<>();
    for (RulesetImage.PluginUse u : image.pluginUses) {
      if (u.rule() < 0 || u.rule() >= image.meta.length) {
        throw new IllegalStateException(
            "corrupt ruleset: keyword plugin option of rule " + u.rule() + " outside the ruleset");
      }
      String rule = "rule " + image.meta[u.rule()].gid() + ":" + image.meta[u.rule()].sid();
      org.vigil.detect.api.KeywordPlugin p = plugins.find(u.keyword());
      if (p == null) {
        throw new IllegalStateException(
            "the ruleset needs keyword plugin "
                + u.plugin()
                + " (used by "
                + rule
                + "), which is not on the class path");
      }
      if (!p.version().equals(u.version())) {
        throw new IllegalStateException(
            "the ruleset was compiled with keyword plugin "
                + u.plugin()
                + " but the class path has "
                + p.getClass().getName()
                + " "
                + p.version()
                + ": recompile the rules");
      }
      try {
        states.put(
            GeneratedClassLoader.key(u.rule(), u.option()),
            new GuardedKeyword(
                java.util.Objects.requireNonNull(p.prepare(u.value()), "prepare returned null"),
                "keyword plugin '"
                    + u.keyword()
                    + "' ("
                    + p.getClass().getName()
                    + " "
                    + p.version()
                    + ") in "
                    + rule));
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "keyword plugin "
                + u.plugin()
                + " refuses the value '"
                + u.value()
                + "' of "
                + rule
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return states;
  }

  /**
   * Reads and links a {@code .vrs} file; a keyword plugin the rules need that is not on the class
   * path (or not in the version they were compiled with) is an {@link IOException} naming the file
   * and the plugin.
   */
  public static Ruleset load(Path file) throws IOException {
    return load(file, null, RuleGuard.defaults());
  }

  /** As {@link #load(Path)}, with the pcre limits and failure counters of {@code guard}. */
  public static Ruleset load(Path file, RuleGuard guard) throws IOException {
    return load(file, null, guard);
  }

  /**
   * Reads and links a {@code .vrs} file as {@link #load(Path)} does, with the pcre limits and
   * failure counters of {@code guard}; when {@code trusted} is not null the file must be signed by
   * that key. Every refusal is an {@link IOException} naming the file and what failed.
   */
  public static Ruleset load(Path file, PublicKey trusted, RuleGuard guard) throws IOException {
    RulesetImage image;
    try {
      // one array of the file's size, parsed in place
      image = RulesetImage.read(FileBytes.read(file), trusted);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException(file + ": no such file", e);
    } catch (VrsException e) {
      throw new VrsException(file + ": " + e.getMessage());
    } catch (IOException e) {
      throw new IOException(
          file + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()),
          e);
    }
    try {
      return link(image, false, guard);
    } catch (IllegalStateException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
