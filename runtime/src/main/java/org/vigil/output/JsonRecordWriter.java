package org.vigil.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * An app record's fields written into a JSON generator's current object (the EVE writer's body of
 * an app record); I/O failures are rethrown unchecked and unwrapped by the EVE writer.
 */
final class JsonRecordWriter implements RecordWriter {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final JsonGenerator gen;

  JsonRecordWriter(JsonGenerator gen) {
    this.gen = gen;
  }

  /** Writes {@code record} as the object {@code "<event type>": {…}} into the current object. */
  void writeObject(AppRecord record) throws IOException {
    gen.writeFieldName(record.eventType());
    if (record instanceof StoredRecord s) {
      gen.writeRawValue(s.json());
      return;
    }
    gen.writeStartObject();
    try {
      record.writeFields(this);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    gen.writeEndObject();
  }

  /** The JSON object text of {@code record}'s fields, exactly as EVE writes them. */
  static String text(AppRecord record) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      record.writeFields(new JsonRecordWriter(g));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  @Override
  public void string(String name, String value) {
    if (value == null) {
      return;
    }
    try {
      name(name);
      gen.writeString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void number(String name, long value) {
    try {
      name(name);
      gen.writeNumber(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void bool(String name, boolean value) {
    try {
      name(name);
      gen.writeBoolean(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void startObject(String name) {
    try {
      name(name);
      gen.writeStartObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void endObject() {
    try {
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void startArray(String name) {
    try {
      name(name);
      gen.writeStartArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void endArray() {
    try {
      gen.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void name(String name) throws IOException {
    if (name != null) {
      gen.writeFieldName(name);
    }
  }
}
