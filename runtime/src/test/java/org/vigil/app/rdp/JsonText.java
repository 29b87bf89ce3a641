package org.vigil.app.rdp;

import java.util.ArrayDeque;
import java.util.Deque;
import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/** A record's fields as compact JSON text (strings unescaped but for quotes and backslashes). */
final class JsonText implements RecordWriter {
  private final StringBuilder s = new StringBuilder("{");
  private final Deque<Boolean> first = new ArrayDeque<>();

  private JsonText() {
    first.push(true);
  }

  /** {@code r}'s object as EVE writes it. */
  static String of(AppRecord r) {
    JsonText t = new JsonText();
    r.writeFields(t);
    return t.s.append('}').toString();
  }

  private void name(String name) {
    if (!first.pop()) {
      s.append(',');
    }
    first.push(false);
    if (name != null) {
      s.append('"').append(name).append("\":");
    }
  }

  @Override
  public void string(String name, String value) {
    if (value != null) {
      name(name);
      s.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
  }

  @Override
  public void number(String name, long value) {
    name(name);
    s.append(value);
  }

  @Override
  public void bool(String name, boolean value) {
    name(name);
    s.append(value);
  }

  @Override
  public void startObject(String name) {
    name(name);
    s.append('{');
    first.push(true);
  }

  @Override
  public void endObject() {
    first.pop();
    s.append('}');
  }

  @Override
  public void startArray(String name) {
    name(name);
    s.append('[');
    first.push(true);
  }

  @Override
  public void endArray() {
    first.pop();
    s.append(']');
  }
}
