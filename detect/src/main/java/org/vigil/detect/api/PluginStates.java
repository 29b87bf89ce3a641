package org.vigil.detect.api;

/**
 * Where generated rule code finds the prepared state of its plugin options: the class loader of a
 * ruleset's generated classes implements it, keyed by the rule's global index and the option's
 * index among the rule's options.
 */
public interface PluginStates {

  /**
   * The state of option {@code option} of rule {@code rule}; throws when the ruleset has none
   * there.
   */
  KeywordPlugin.Prepared pluginState(int rule, int option);

  /**
   * The state a generated class's static initializer reads: looked up in the loader that defined
   * {@code generated}.
   */
  static KeywordPlugin.Prepared of(Class<?> generated, int rule, int option) {
    if (generated.getClassLoader() instanceof PluginStates s) {
      return s.pluginState(rule, option);
    }
    throw new IllegalStateException(
        generated.getName() + " uses keyword plugins but was not loaded by a ruleset loader");
  }
}
