package org.vigil.compiler.ir;

import java.util.List;

/** {@code metadata:key value, key value, ...}: free-form entries in source order. */
public record Metadata(SourcePos pos, List<Entry> entries) implements MetaOption {
  public Metadata {
    entries = List.copyOf(entries);
  }

  /** One {@code key value} pair; value is "" when only a key was given. */
  public record Entry(String key, String value) {}

  @Override
  public String keyword() {
    return "metadata";
  }
}
