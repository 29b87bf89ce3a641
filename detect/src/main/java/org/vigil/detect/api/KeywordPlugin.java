package org.vigil.detect.api;

/**
 * A third-party rule keyword, found with {@link java.util.ServiceLoader}: a jar on the class path
 * that lists its implementation in {@code META-INF/services/org.vigil.detect.api.KeywordPlugin}
 * adds the keyword {@link #name()} to the rule language without recompiling Vigil.
 *
 * <p>A plugin option is a payload option, like Snort 3's IPS options: it inspects the buffer that
 * is current where it is written (the packet payload or stream chunk by default, or the sticky
 * buffer selected before it, such as {@code file_data}), in the rule's left-to-right order within
 * that buffer, and receives the cursor left by the option before it (the end of the last content or
 * pcre match), so it can test data relative to a match and may move the cursor for the options
 * after it. Header fields, the flow and the flowbits are read from the {@link InspectionContext}. A
 * plugin option is never a prefilter pattern: rules are prefiltered by their contents, and a rule
 * whose only payload options are plugin options is evaluated for every packet of its port group.
 *
 * <p>The compiler calls {@link #prepare} once per rule option to check the value (a bad value is
 * reported as {@code file:line:col} and the rule skipped); the compiled {@code .vrs} records the
 * keyword, the plugin's class and {@link #version()} and the value as written, and the runtime
 * calls {@link #prepare} again when it loads the ruleset. Nothing is serialized.
 */
public interface KeywordPlugin {

  /**
   * The rule keyword, lower case, as the rule grammar reads option names ({@code
   * [a-z_][a-z0-9_.-]*}), e.g. {@code "entropy"}; it may not be the name of a keyword Vigil itself
   * implements.
   */
  String name();

  /**
   * The plugin's version, recorded in compiled rulesets; a ruleset compiled with another version is
   * refused at load (its semantics may have changed), so the rules are recompiled.
   */
  String version();

  /**
   * Parses the option's value: the text after {@code :} as written in the rule up to the closing
   * {@code ;} (quotes and escapes kept, surrounding blanks trimmed), or {@code ""} when the option
   * has no value.
   *
   * @return the option's immutable state, shared by every detect thread
   * @throws IllegalArgumentException when the value is not valid; its message is shown to the user
   *     after {@code file:line:col: <keyword>: }
   */
  Prepared prepare(String value);

  /** One parsed plugin option of one rule: immutable and safe to call from many threads at once. */
  interface Prepared {
    /** Returned by {@link #match} when the option does not match. */
    int NO_MATCH = -1;

    /**
     * True when the option is positioned relative to the cursor; when it then fails, the content or
     * pcre before it is retried on its next occurrence (Snort's relative matching). False by
     * default.
     */
    default boolean relative() {
      return false;
    }

    /**
     * Evaluates the option on the buffer {@code data[base .. base + len)} with the cursor at {@code
     * cursor} (0..len; 0 when no option before it moved the cursor).
     *
     * @return {@link #NO_MATCH}, or on a match the cursor for the next option ({@code cursor}
     *     itself to leave it where it was); a value above {@code len} counts as no match
     */
    int match(InspectionContext ctx, byte[] data, int base, int len, int cursor);
  }
}
