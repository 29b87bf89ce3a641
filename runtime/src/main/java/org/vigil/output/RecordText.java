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
  private final Buffer out = new Buffer();
  private JsonGenerator gen;
  private JsonRecordWriter writer;

  /** The JSON object text of {@code record}'s fields ({@code {"hostname":…}}). */
  public String of(AppRecord record) {
    int n = render(record);
    return new String(out.array(), 0, n, StandardCharsets.UTF_8);
  }

  /**
   * Renders the JSON object text of {@code record}'s fields as UTF-8 into {@link #bytes()}; returns
   * its length. The bytes hold until the next call.
   */
  public int render(AppRecord record) {
    boolean done = false;
    out.reset();
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
      done = true;
      return out.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!done) {
        out.reset();
        gen = null; // a record that failed half-way leaves the generator inside it
      }
    }
  }

  /** The bytes of the last {@link #render}. */
  public byte[] bytes() {
    return out.array();
  }

  /** A byte stream whose array is read in place. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(512);
    }

    byte[] array() {
      return buf;
    }
  }
}
