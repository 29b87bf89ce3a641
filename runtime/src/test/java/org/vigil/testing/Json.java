package org.vigil.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON reader of every module's tests (jackson-core streaming): a document as maps, lists,
 * strings, longs, doubles, booleans and nulls; EVE-style JSON lines; one object flattened to dotted
 * paths.
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /** The document in {@code file}. */
  public static Object read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** The document {@code text} (one value, nothing after it); throws on bad JSON. */
  public static Object parse(String text) throws IOException {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() == null) {
        throw new IOException("no JSON value in: " + text);
      }
      Object v = value(p);
      if (p.nextToken() != null) {
        throw new IOException("trailing content after the value: " + text);
      }
      return v;
    }
  }

  /** The object {@code text}; throws when it is not one JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String text) throws IOException {
    if (parse(text) instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IOException("not a JSON object: " + text);
  }

  /** The object in {@code file}. */
  public static Map<String, Object> readObject(Path file) throws IOException {
    return object(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** One object per non-blank line of {@code file} (EVE, JSON lines). */
  public static List<Map<String, Object>> readLines(Path file) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(object(line));
      }
    }
    return out;
  }

  /**
   * One object as a map of dotted paths ({@code "alert.signature_id"}) to scalar text (null for a
   * JSON null); an array's scalars share its path, the last one wins. Throws on bad JSON or
   * anything after the object.
   */
  public static Map<String, String> flatten(String json) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object: " + json);
      }
      Deque<String> path = new ArrayDeque<>();
      String field = null;
      int depth = 1;
      while (depth > 0) {
        JsonToken t = p.nextToken();
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
          case START_ARRAY, END_ARRAY -> {}
          case VALUE_STRING,
              VALUE_NUMBER_INT,
              VALUE_NUMBER_FLOAT,
              VALUE_TRUE,
              VALUE_FALSE,
              VALUE_NULL,
              VALUE_EMBEDDED_OBJECT,
              NOT_AVAILABLE -> {
            String key = path.isEmpty() ? field : String.join(".", path) + "." + field;
            out.put(key, t == JsonToken.VALUE_NULL ? null : p.getText());
          }
        }
      }
      if (p.nextToken() != null) {
        throw new IOException("trailing content after object: " + json);
      }
    }
    return out;
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() != JsonToken.END_OBJECT) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, value(p));
        }
        yield m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        yield l;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE ->
          throw new IOException("unexpected JSON token " + t);
    };
  }
}
