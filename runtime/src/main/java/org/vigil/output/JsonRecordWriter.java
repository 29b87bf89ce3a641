package org.vigil.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

  /**
   * The JSON object text of {@code record}'s fields, exactly as EVE writes them. Written with the
   * UTF-8 byte generator, the one EVE writes with: the record writers' calls into the generator
   * then see one type, and the JIT compiles them for it alone.
   */
  static String text(AppRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = utf8(out)) {
      g.writeStartObject();
      record.writeFields(new JsonRecordWriter(g));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A UTF-8 generator writing into {@code out}, of the type the EVE writer uses. */
  static JsonGenerator utf8(OutputStream out) throws IOException {
    return FACTORY.createGenerator(out, JsonEncoding.UTF8);
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
