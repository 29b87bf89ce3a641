package org.vigil.output;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.vigil.app.AppRecord;

/**
 * Renders app records as the JSON object text of their fields, exactly as EVE writes them, with one
 * generator kept for every record (making a generator costs more than rendering a small record).
 * Single-threaded: one per writer of the alert log.
 */
public final class RecordText {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
  private JsonGenerator gen;
  private JsonRecordWriter writer;

  /** The JSON object text of {@code record}'s fields ({@code {"hostname":…}}). */
  public String of(AppRecord record) {
    boolean done = false;
    try {
      if (gen == null) {
        gen = JsonRecordWriter.utf8(out);
        gen.setRootValueSeparator(null);
        writer = new JsonRecordWriter(gen);
      }
      gen.writeStartObject();
      record.writeFields(writer);
      gen.writeEndObject();
      gen.flush();
      String text = out.toString(StandardCharsets.UTF_8);
      done = true;
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      out.reset();
      if (!done) {
        gen = null; // a record that failed half-way leaves the generator inside it
      }
    }
  }
}
