package org.vigil.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test-only: reads a JSON file into maps, lists, strings, numbers and booleans with jackson-core. */
final class TestJson {
    private TestJson() {
    }

    static Object read(Path p) throws IOException {
        try (JsonParser jp = new JsonFactory().createParser(p.toFile())) {
            jp.nextToken();
            return value(jp);
        }
    }

    private static Object value(JsonParser jp) throws IOException {
        JsonToken t = jp.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (jp.nextToken() != JsonToken.END_OBJECT) {
                    String name = jp.currentName();
                    jp.nextToken();
                    m.put(name, value(jp));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (jp.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(jp));
                }
                return l;
            }
            case VALUE_STRING -> {
                return jp.getText();
            }
            case VALUE_NUMBER_INT -> {
                return jp.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return jp.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return jp.getBooleanValue();
            }
            default -> {
                return null;
            }
        }
    }
}
