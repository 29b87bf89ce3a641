package org.vigil.thread;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a stage's JSON-writing counters into the counter tree the stats writer takes. */
final class StatsTree {
  private static final JsonFactory JSON = new JsonFactory();

  private StatsTree() {}

  /** Functional form of a stage that writes its counters as fields of the current JSON object. */
  interface FieldWriter {
    void write(JsonGenerator g) throws IOException;
  }

  /** The counters every run mode reports: packet path, TCP stream engine and detection. */
  static Map<String, Object> runCounters(org.vigil.stats.PathStats path, org.vigil.stream.StreamEngine streams,
      org.vigil.detect.Detector detector, long alerts, long engineErrors) {
    Map<String, Object> m = new LinkedHashMap<>(of(path::writeJson));
    Map<String, Object> tcp = new LinkedHashMap<>();
    tcp.put("sessions", streams.counters().sessions());
    tcp.put("segments", streams.counters().segments());
    tcp.put("bytes_stored", streams.counters().bytesStored());
    tcp.put("raw_chunks", streams.counters().rawChunks());
    m.put("tcp", tcp);
    Map<String, Object> detect = new LinkedHashMap<>();
    detect.put("alert", alerts);
    detect.put("inspections", detector.inspections());
    detect.put("candidates", detector.candidatesEvaluated());
    detect.put("matches", detector.matches());
    detect.put("engine_errors", engineErrors);
    m.put("detect", detect);
    return m;
  }

  static Map<String, Object> of(FieldWriter writer) {
    try {
      StringWriter sw = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(sw)) {
        g.writeStartObject();
        writer.write(g);
        g.writeEndObject();
      }
      try (JsonParser p = JSON.createParser(sw.toString())) {
        p.nextToken();
        return readObject(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> readObject(JsonParser p) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (t) {
        case START_OBJECT -> m.put(name, readObject(p));
        case VALUE_NUMBER_INT -> m.put(name, p.getLongValue());
        case VALUE_NUMBER_FLOAT -> m.put(name, p.getDoubleValue());
        case START_ARRAY -> p.skipChildren();
        default -> m.put(name, p.getValueAsString());
      }
    }
    return m;
  }
}
