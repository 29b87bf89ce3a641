package org.vigil.output.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import net.openhft.chronicle.bytes.BytesIn;
import org.vigil.output.StoredRecord;

/**
 * Reads the HTTP fields of a version 1 alert log record (which held them in place of today's app
 * record) into the stored record EVE printed for them then, field for field.
 */
final class Version1Http {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private Version1Http() {}

  static StoredRecord read(BytesIn<?> in) {
    String[] names = {
      "hostname",
      "url",
      "http_user_agent",
      "http_content_type",
      "http_refer",
      "http_method",
      "protocol"
    };
    String[] values = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      values[i] = in.readUtf8();
    }
    int status = in.readInt();
    long length = in.readLong();
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      for (int i = 0; i < names.length; i++) {
        if (values[i] != null) {
          g.writeStringField(names[i], values[i]);
        }
      }
      if (status >= 0) {
        g.writeNumberField("status", status);
      }
      if (length >= 0) {
        g.writeNumberField("length", length);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StoredRecord("http", out.toString());
  }
}
