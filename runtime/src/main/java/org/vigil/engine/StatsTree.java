package org.vigil.engine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
  static Map<String, Object> runCounters(
      org.vigil.decode.PathStats path,
      org.vigil.stream.StreamEngine streams,
      org.vigil.detect.Detector detector,
      long alerts,
      long engineErrors,
      long alertQueueOverflow) {
    var c = streams.counters();
    return detector
        .ruleset()
        .guard()
        .addTo(
            runCounters(
                path,
                new long[] {
                  c.sessions(),
                  c.segments(),
                  c.bytesStored(),
                  c.rawChunks(),
                  c.invalidChecksums(),
                  c.get(org.vigil.stream.StreamEvent.TTL_DECOY),
                  c.sessionMemcapDrops(),
                  c.segmentMemcapDrops()
                },
                new long[] {
                  alerts,
                  detector.inspections(),
                  detector.candidatesEvaluated(),
                  detector.matches(),
                  engineErrors,
                  alertQueueOverflow
                }));
  }

  /**
   * The same tree from totals: {@code tcp} is sessions, segments, bytes stored, raw chunks,
   * segments with an invalid checksum, TTL decoys, sessions and segments refused by the stream
   * memcaps; {@code detect} is alerts, inspections, candidates, matches, engine errors and alerts
   * the per-packet cap dropped (summed over threads).
   */
  static Map<String, Object> runCounters(
      org.vigil.decode.PathStats path, long[] tcp, long[] detect) {
    Map<String, Object> m = new LinkedHashMap<>(of(path::writeJson));
    m.put(
        "tcp",
        named(
            new String[] {
              "sessions",
              "segments",
              "bytes_stored",
              "raw_chunks",
              "invalid_checksum",
              "ttl_decoy",
              "ssn_memcap_drop",
              "segment_memcap_drop"
            },
            tcp));
    m.put(
        "detect",
        named(
            new String[] {
              "alert",
              "inspections",
              "candidates",
              "matches",
              "engine_errors",
              "alert_queue_overflow"
            },
            detect));
    return m;
  }

  /**
   * Adds the feed's folder counters (subfolders passed over, captures deleted) to the {@code
   * capture} group of {@code m}.
   */
  @SuppressWarnings("unchecked")
  /**
   * The head of a worker pool's {@code threading} group: run mode, router, the alerted router's
   * output with {@code thresholdPackets} (packets of alerts decided at checkpoints, sent to the
   * output stage by the run), flow sweeps ({@code ticks}) and the threads' counters.
   */
  static Map<String, Object> threading(
      ThreadLayout layout,
      boolean alertedRouter,
      long thresholdPackets,
      long ticks,
      Map<String, Object> threads) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("runmode", layout.mode().name().toLowerCase(java.util.Locale.ROOT));
    t.put("router", layout.router().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    if (alertedRouter) {
      t.put("output_router", "alerted");
      t.put("threshold_packets", thresholdPackets);
    }
    t.put("ticks", ticks);
    t.put("threads", threads);
    return t;
  }

  static void addFeed(Map<String, Object> m, org.vigil.acquire.CaptureFeed feed) {
    if (feed == null) {
      return;
    }
    Map<String, Object> capture =
        (Map<String, Object>) m.computeIfAbsent("capture", k -> new LinkedHashMap<>());
    capture.put("folders_skipped", feed.skippedFolders());
    capture.put("files_deleted", feed.deleted());
  }

  private static Map<String, Object> named(String[] names, long[] values) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], values[i]);
    }
    return m;
  }

  static Map<String, Object> of(FieldWriter writer) {
    try {
      // the UTF-8 byte generator, the type the EVE writer uses: one type behind JsonGenerator's
      // calls keeps them monomorphic for the JIT
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
        g.writeStartObject();
        writer.write(g);
        g.writeEndObject();
      }
      try (JsonParser p = JSON.createParser(bytes.toByteArray())) {
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
