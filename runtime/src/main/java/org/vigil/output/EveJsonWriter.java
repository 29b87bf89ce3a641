package org.vigil.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes EVE JSON: one JSON object per line, Suricata's field names, with jackson-core's streaming
 * generator (no object mapper, no reflection). Writes the record kinds named in its type set.
 * Single-threaded: one writer per output thread.
 */
public final class EveJsonWriter implements AlertLineSink {

  /**
   * The EVE record kinds this writer can log; app-layer records are named by their event type
   * ({@link #appTypes}).
   */
  public enum Type {
    ALERT,
    ANOMALY,
    /** fileinfo records ({@code files} in suricata.yaml). */
    FILES,
    FLOW,
    DROP,
    STATS;

    /** The name suricata.yaml's {@code types} list gives this kind. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final long AUTO_FLUSH_NANOS = 200_000_000L;

  private JsonGenerator gen;
  private final EveTypes types;
  private final EveOptions options;
  private JsonRecordWriter records;
  private CommunityId communityId;
  private String host;
  private boolean loggedAlertOptions;
  private final EveTimestamp ts = new EveTimestamp();
  private final char[] tsChars = new char[EveTimestamp.EVE_LENGTH];
  private final EveFieldBatch fields = new EveFieldBatch();
  private final Path file;
  private long lastFlush = System.nanoTime();

  /**
   * The options of its record types this writer follows (what alerts carry, which anomalies are
   * logged).
   */
  public EveOptions options() {
    return options;
  }

  /** Writes to {@code out} (closed with this writer) the records {@code types} selects. */
  public EveJsonWriter(OutputStream out, EveTypes types) throws IOException {
    this(FACTORY.createGenerator(out, JsonEncoding.UTF8), types, null);
  }

  @Override
  public void reopen() throws IOException {
    if (file == null) {
      return;
    }
    gen.close();
    JsonGenerator g =
        FACTORY.createGenerator(
            new java.io.BufferedOutputStream(
                Files.newOutputStream(
                    file,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE),
                1 << 16),
            JsonEncoding.UTF8);
    g.setRootValueSeparator(null);
    gen = g;
    records = new JsonRecordWriter(g);
  }

  /** Writes to {@code out} (closed with this writer) the kinds in {@code types}, no app records. */
  public EveJsonWriter(OutputStream out, Set<Type> types) throws IOException {
    this(out, EveTypes.of(types));
  }

  /** Writes to {@code out} (closed with this writer) the kinds in {@code types}, no app records. */
  public EveJsonWriter(java.io.Writer out, Set<Type> types) throws IOException {
    this(out, EveTypes.of(types));
  }

  /** Writes to {@code out} (closed with this writer) the records {@code types} selects. */
  public EveJsonWriter(java.io.Writer out, EveTypes types) throws IOException {
    this(FACTORY.createGenerator(out), types, null);
  }

  private EveJsonWriter(JsonGenerator gen, EveTypes types, Path file) {
    // one object per line: no separator between root values (jackson's default is a space)
    gen.setRootValueSeparator(null);
    this.gen = gen;
    this.types = types;
    this.options = EveOptions.of(types, "outputs.eve-log.types");
    this.records = new JsonRecordWriter(gen);
    this.file = file;
  }

  /** Opens (appending to) {@code file} for the records {@code types} selects. */
  public static EveJsonWriter open(Path file, EveTypes types) throws IOException {
    OutputStream out =
        Files.newOutputStream(
            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    return new EveJsonWriter(
        FACTORY.createGenerator(new java.io.BufferedOutputStream(out, 1 << 16), JsonEncoding.UTF8),
        types,
        file);
  }

  /** Opens (appending to) {@code file} for the kinds in {@code types}, no app records. */
  public static EveJsonWriter open(Path file, Set<Type> types) throws IOException {
    return open(file, EveTypes.of(types));
  }

  /**
   * Adds EVE's {@code community_id} (Community ID v1 with {@code seed}) to every record with
   * addresses; returns this writer.
   */
  public EveJsonWriter withCommunityId(int seed) {
    this.communityId = new CommunityId(seed);
    return this;
  }

  /**
   * Shows of an alert's payload, frame and bodies what the run's outputs asked for when they were
   * kept ({@link AlertPayload#shown()}), not this writer's own alert options: a writer rendering
   * the durable log writes what eve.json holds; returns this writer.
   */
  public EveJsonWriter withLoggedAlertOptions() {
    this.loggedAlertOptions = true;
    return this;
  }

  /**
   * Adds EVE's {@code host} field (Suricata's {@code sensor-name}) to every record, so records of
   * many sensors can be told apart where they meet; returns this writer.
   */
  public EveJsonWriter withHost(String sensorName) {
    this.host = sensorName;
    return this;
  }

  @Override
  public Path file() {
    return file;
  }

  /**
   * True for an alert record: string values escape their quotes, so the unescaped {@code
   * "event_type":"alert"} is only ever the record's own field.
   */
  @Override
  public boolean isAlertLine(String line) {
    return line.contains("\"event_type\":\"alert\"");
  }

  @Override
  public void write(OutputEvent event) throws IOException {
    switch (event) {
      case AlertEvent a when types.logs(Type.ALERT) -> writeAlert(a);
      case AppEvent e when types.logsApp(e.eventType()) -> writeApp(e);
      case FlowEvent f when types.logs(Type.FLOW) -> writeFlow(f);
      case DropEvent d when types.logs(Type.DROP) -> writeDrop(d);
      case AnomalyEvent a when types.logs(Type.ANOMALY) && options.logsAnomaly(a.type()) -> {
        header(a.header(), "anomaly");
        if (a.txId() != null) {
          gen.writeNumberField("tx_id", a.txId());
        }
        EveRecordFields.anomaly(gen, a);
        pcapFilename(a.header());
        gen.writeEndObject();
      }
      case FileEvent f when types.logs(Type.FILES) -> {
        header(f.header(), "fileinfo");
        EveRecordFields.file(gen, records, f);
        pcapFilename(f.header());
        gen.writeEndObject();
      }
      default -> {
        return;
      }
    }
    endLine();
  }

  @Override
  public void stats(long timestampNanos, long uptimeSeconds, Map<String, ?> counters)
      throws IOException {
    if (!types.logs(Type.STATS)) {
      return;
    }
    gen.writeStartObject();
    timestamp(timestampNanos);
    gen.writeStringField("event_type", "stats");
    gen.writeObjectFieldStart("stats");
    gen.writeNumberField("uptime", uptimeSeconds);
    writeTree(gen, counters);
    gen.writeEndObject();
    if (host != null) {
      gen.writeStringField("host", host);
    }
    gen.writeEndObject();
    endLine();
  }

  private void writeAlert(AlertEvent a) throws IOException {
    header(a.header(), "alert");
    if (a.txId() != null) {
      gen.writeNumberField("tx_id", a.txId());
    }
    if (a.more().txGuessed()) {
      gen.writeBooleanField("tx_guessed", true);
    }
    alertObject(a);
    EveRecordFields.tunnel(gen, a.more().tunnel());
    EveOptions shown =
        loggedAlertOptions && a.payload() != null && a.payload().shown() != null
            ? a.payload().shown()
            : options;
    if (a.app() != null) {
      EveRecordFields.alertApp(gen, records, a.app(), a.payload(), shown);
    }
    EveRecordFields.alertFiles(gen, a);
    if (a.appProto() != null) {
      gen.writeStringField("app_proto", a.appProto());
    }
    optional("app_proto_ts", a.more().appProtoTs());
    optional("app_proto_tc", a.more().appProtoTc());
    if (a.flow() != null) {
      alertFlow(a.flow());
    }
    EveRecordFields.alertPayload(gen, a.payload(), shown);
    pcapFilename(a.header());
    gen.writeEndObject();
  }

  private void alertFlow(AlertFlow f) throws IOException {
    gen.writeFieldName(EveFieldNames.FLOW);
    gen.writeStartObject();
    EveFieldBatch b = fields;
    b.clear();
    b.number(EveFieldNames.PKTS_TOSERVER, f.pktsToServer());
    b.number(EveFieldNames.PKTS_TOCLIENT, f.pktsToClient());
    b.number(EveFieldNames.BYTES_TOSERVER, f.bytesToServer());
    b.number(EveFieldNames.BYTES_TOCLIENT, f.bytesToClient());
    b.chars(EveFieldNames.START, tsChars, ts.eveChars(tsChars, f.startNanos()));
    b.string(EveFieldNames.SRC_IP, f.srcIp());
    b.string(EveFieldNames.DEST_IP, f.destIp());
    if (f.srcPort() != null) {
      b.number(EveFieldNames.SRC_PORT, f.srcPort());
      b.number(EveFieldNames.DEST_PORT, f.destPort());
    }
    b.writeTo(gen);
    gen.writeEndObject();
  }

  private void alertObject(AlertEvent a) throws IOException {
    gen.writeFieldName(EveFieldNames.ALERT);
    gen.writeStartObject();
    EveFieldBatch b = fields;
    b.clear();
    b.string(EveFieldNames.ACTION, a.action());
    b.number(EveFieldNames.GID, a.gid());
    b.number(EveFieldNames.SIGNATURE_ID, a.signatureId());
    b.number(EveFieldNames.REV, a.rev());
    b.string(EveFieldNames.SIGNATURE, a.signature());
    b.string(EveFieldNames.CATEGORY, a.category() == null ? "" : a.category());
    b.number(EveFieldNames.SEVERITY, a.severity());
    b.writeTo(gen);
    EveRecordFields.sourceTarget(gen, a.header(), a.more().target());
    EveRecordFields.ruleMetadata(gen, a.metadata());
    gen.writeEndObject();
  }

  private void writeApp(AppEvent e) throws IOException {
    header(e.header(), e.eventType());
    if (e.record().headerTxId()) {
      gen.writeNumberField("tx_id", e.txId());
    }
    records.writeObject(e.record());
    pcapFilename(e.header());
    gen.writeEndObject();
  }

  private void writeFlow(FlowEvent f) throws IOException {
    EventHeader h = f.header();
    // a flow record's metadata follows its flow object
    header(h.vars() == null ? h : h.withExtras(h.vlan(), null), "flow");
    EveFlowFields.write(gen, ts, tsChars, f);
    pcapFilename(h);
    gen.writeEndObject();
  }

  private void writeDrop(DropEvent d) throws IOException {
    header(d.header(), "drop");
    gen.writeObjectFieldStart("drop");
    EveRecordFields.drop(gen, d);
    gen.writeEndObject();
    if (d.alert() != null && options.dropAlerts()) {
      alertObject(d.alert());
    }
    pcapFilename(d.header());
    gen.writeEndObject();
  }

  private void header(EventHeader h, String eventType) throws IOException {
    gen.writeStartObject();
    EveFieldBatch b = fields;
    b.clear();
    b.chars(EveFieldNames.TIMESTAMP, tsChars, ts.eveChars(tsChars, h.timestampNanos()));
    if (h.flowId() != 0) {
      b.number(EveFieldNames.FLOW_ID, h.flowId());
    }
    if (h.pcapCnt() != null) {
      b.number(EveFieldNames.PCAP_CNT, h.pcapCnt());
    }
    b.string(EveFieldNames.EVENT_TYPE, eventType);
    if (h.vlan() != null) {
      b.writeTo(gen);
      EveRecordFields.vlan(gen, h.vlan());
    }
    b.string(EveFieldNames.SRC_IP, h.srcIp());
    if (h.srcPort() != null) {
      b.number(EveFieldNames.SRC_PORT, h.srcPort());
    }
    b.string(EveFieldNames.DEST_IP, h.destIp());
    if (h.destPort() != null) {
      b.number(EveFieldNames.DEST_PORT, h.destPort());
    }
    b.string(EveFieldNames.PROTO, h.proto());
    if (h.icmpType() != null) {
      b.number(EveFieldNames.ICMP_TYPE, h.icmpType());
      b.number(EveFieldNames.ICMP_CODE, h.icmpCode() == null ? 0 : h.icmpCode());
    }
    if (h.pktSrc() != null) {
      b.string(EveFieldNames.PKT_SRC, h.pktSrc());
    }
    if (h.vars() != null) {
      b.writeTo(gen);
      EveRecordFields.flowVars(gen, h.vars());
    }
    if (communityId != null) {
      String id = communityId.of(h);
      if (id != null) {
        b.string(EveFieldNames.COMMUNITY_ID, id);
      }
    }
    if (h.direction() != null && "alert".equals(eventType)) {
      // Suricata 7 writes a direction on alert records only
      b.string(EveFieldNames.DIRECTION, h.direction());
    }
    b.writeTo(gen);
  }

  /** The fields every record ends with, as in Suricata's EVE: host, then pcap_filename. */
  private void pcapFilename(EventHeader h) throws IOException {
    EveFieldBatch b = fields;
    b.clear();
    if (host != null) {
      b.string(EveFieldNames.HOST, host);
    }
    if (h.pcapFilename() != null) {
      b.string(EveFieldNames.PCAP_FILENAME, h.pcapFilename());
    }
    b.writeTo(gen);
  }

  private void optional(String name, String value) throws IOException {
    if (value != null) {
      gen.writeStringField(name, value);
    }
  }

  private void timestamp(long nanos) throws IOException {
    gen.writeFieldName(EveFieldNames.TIMESTAMP);
    gen.writeString(tsChars, 0, ts.eveChars(tsChars, nanos));
  }

  private void endLine() throws IOException {
    gen.writeRaw('\n');
    long now = System.nanoTime();
    if (now - lastFlush > AUTO_FLUSH_NANOS) {
      gen.flush();
      lastFlush = now;
    }
  }

  /** Writes a counter tree's entries into the current object. */
  static void writeTree(JsonGenerator gen, Map<String, ?> tree) throws IOException {
    for (Map.Entry<String, ?> e : tree.entrySet()) {
      gen.writeFieldName(e.getKey());
      writeValue(gen, e.getValue());
    }
  }

  private static void writeValue(JsonGenerator gen, Object v) throws IOException {
    switch (v) {
      case null -> gen.writeNull();
      case Map<?, ?> m -> {
        gen.writeStartObject();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          gen.writeFieldName(String.valueOf(e.getKey()));
          writeValue(gen, e.getValue());
        }
        gen.writeEndObject();
      }
      case List<?> l -> {
        gen.writeStartArray();
        for (Object o : l) {
          writeValue(gen, o);
        }
        gen.writeEndArray();
      }
      case Long l -> gen.writeNumber(l);
      case Integer i -> gen.writeNumber(i);
      case Double d -> gen.writeNumber(d);
      case Float f -> gen.writeNumber(f);
      case java.util.concurrent.atomic.AtomicLong a -> gen.writeNumber(a.get());
      case java.util.concurrent.atomic.LongAdder a -> gen.writeNumber(a.sum());
      case Number n -> gen.writeNumber(n.longValue());
      case Boolean b -> gen.writeBoolean(b);
      default -> gen.writeString(v.toString());
    }
  }

  @Override
  public void flush() throws IOException {
    gen.flush();
    lastFlush = System.nanoTime();
  }

  @Override
  public void close() throws IOException {
    gen.close();
  }

  /**
   * The {@code eve-log} output: {@code filename} (default eve.json; one per output thread when the
   * run opens outputs per thread) and {@code types}.
   */
  public static final class Plugin implements OutputPlugin {
    @Override
    public String name() {
      return "eve-log";
    }

    @Override
    public EventSink open(OutputContext c) throws IOException {
      EveTypes types = EveTypes.parse(c.settings().get("types"), c.key("types"));
      EveOptions.of(types, c.key("types")); // a bad option is refused before the file is opened
      EveJsonWriter w = EveJsonWriter.open(c.fileName("eve.json"), types);
      if (yes(c.settings().get("community-id"))) {
        Object seed = c.settings().get("community-id-seed");
        try {
          w.withCommunityId(seed == null ? 0 : Integer.parseInt(seed.toString().trim()));
        } catch (IllegalArgumentException e) {
          w.close();
          throw new OutputConfigException(
              c.key("community-id-seed"), "expected a number 0..65535, not '" + seed + "'");
        }
      }
      return w;
    }

    /** A YAML boolean as Suricata reads it: true, yes, on, 1. */
    private static boolean yes(Object v) {
      return v != null
          && switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            default -> false;
          };
    }
  }
}
