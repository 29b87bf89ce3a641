package org.vigil.compiler.ir;

/**
 * An option whose keyword a third-party {@link org.vigil.detect.api.KeywordPlugin} implements:
 * {@code name:value;} kept as written ({@code value} "" when the option has none), evaluated by the
 * plugin on {@code buffer} in the rule's option order. {@code pluginClass} and {@code version} name
 * the plugin that accepted the value; {@code relative} is what that plugin said about the option's
 * position (relative options make the content before them retry on failure).
 */
public record PluginOption(
    SourcePos pos,
    String name,
    String value,
    Buffer buffer,
    boolean relative,
    String pluginClass,
    String version)
    implements PayloadOption {
  @Override
  public String keyword() {
    return name;
  }
}
