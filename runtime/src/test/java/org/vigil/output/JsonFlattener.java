package org.vigil.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helper: one JSON object to a map of dotted paths ("alert.signature_id") to scalar text. */
public final class JsonFlattener {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonFlattener() {}

  /** Parses {@code json} (one object, nothing after it) into dotted paths; throws on bad JSON. */
  public static Map<String, String> flatten(String json) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonParser p = FACTORY.createParser(json)) {
      Deque<String> path = new ArrayDeque<>();
      String field = null;
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new IOException("not an object: " + json);
      }
      int depth = 1;
      while (depth > 0) {
        t = p.nextToken();
        if (t == null) {
          throw new IOException("truncated: " + json);
        }
        switch (t) {
          case FIELD_NAME -> field = p.currentName();
          case START_OBJECT -> {
            path.addLast(field);
            depth++;
          }
          case END_OBJECT -> {
            depth--;
            if (depth > 0) {
              path.removeLast();
            }
          }
          case START_ARRAY, END_ARRAY -> { }
          default -> {
            StringBuilder k = new StringBuilder();
            for (String s : path) {
              k.append(s).append('.');
            }
            out.put(k.append(field).toString(), t == JsonToken.VALUE_NULL ? null : p.getText());
          }
        }
      }
      if (p.nextToken() != null) {
        throw new IOException("trailing content after object: " + json);
      }
    }
    return out;
  }
}
