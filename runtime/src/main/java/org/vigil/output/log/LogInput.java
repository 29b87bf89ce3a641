package org.vigil.output.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import net.openhft.chronicle.bytes.BytesIn;

/**
 * The checks that keep a reader of the log safe from a record it did not write (a foreign writer's,
 * a damaged file's): a count is never larger than the bytes left, so nothing is allocated on a
 * forged length, and a stored JSON object must be exactly one well-formed object before it is
 * copied into a record. A failed check throws {@link BadRecordException}.
 */
final class LogInput {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** Nesting deeper than this is refused (a counter tree is a few levels deep). */
  static final int MAX_DEPTH = 32;

  private LogInput() {}

  /** Reads an element count: at least 0 and at most the bytes left in the record. */
  static int count(BytesIn<?> in) {
    int n = in.readInt();
    if (n < 0 || n > in.readRemaining()) {
      throw new BadRecordException(
          "a count of " + n + " with " + in.readRemaining() + " bytes left");
    }
    return n;
  }

  /** Reads a string that must be present. */
  static String required(BytesIn<?> in, String what) {
    String s = in.readUtf8();
    if (s == null) {
      throw new BadRecordException(what + " is missing");
    }
    return s;
  }

  /** Reads a stored JSON object's text and checks it is one well-formed object and nothing else. */
  static String jsonObject(BytesIn<?> in) {
    String json = required(in, "a stored record");
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRecordException("a stored record that is not a JSON object");
      }
      p.skipChildren();
      if (p.nextToken() != null) {
        throw new BadRecordException("a stored record with text after its object");
      }
    } catch (IOException e) {
      throw new BadRecordException("a stored record that is not JSON: " + e.getMessage());
    }
    return json;
  }

  /** Checks that the whole record was read: bytes left over mean a layout this is not. */
  static void end(BytesIn<?> in) {
    if (in.readRemaining() != 0) {
      throw new BadRecordException(in.readRemaining() + " bytes after the record's last field");
    }
  }
}
