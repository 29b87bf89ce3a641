package org.vigil.output;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Arrays;
import org.vigil.app.AppRecord;

/**
 * The bodies of the EVE records beyond the header that the writer shares: the {@code anomaly} and
 * {@code fileinfo} objects and an alert's optional payload, frame and HTTP bodies, in Suricata's
 * field order.
 */
final class EveRecordFields {
  private EveRecordFields() {}

  /** The {@code anomaly} object (the header and {@code tx_id} are written). */
  static void anomaly(JsonGenerator gen, AnomalyEvent a) throws IOException {
    gen.writeObjectFieldStart("anomaly");
    if (a.appProto() != null) {
      gen.writeStringField("app_proto", a.appProto());
    }
    gen.writeStringField("type", a.type());
    gen.writeStringField("event", a.event());
    if (a.layer() != null) {
      gen.writeStringField("layer", a.layer());
    }
    gen.writeEndObject();
  }

  /** The transaction's object, {@code app_proto} and the {@code fileinfo} object of a file. */
  static void file(JsonGenerator gen, JsonRecordWriter records, FileEvent f) throws IOException {
    if (f.app() != null) {
      records.writeObject(f.app());
    }
    if (f.appProto() != null) {
      gen.writeStringField("app_proto", f.appProto());
    }
    gen.writeObjectFieldStart("fileinfo");
    gen.writeStringField("filename", f.filename());
    gen.writeBooleanField("gaps", f.gaps());
    gen.writeStringField("state", f.state());
    if (f.md5() != null) {
      gen.writeStringField("md5", f.md5());
    }
    if (f.sha1() != null) {
      gen.writeStringField("sha1", f.sha1());
    }
    if (f.sha256() != null) {
      gen.writeStringField("sha256", f.sha256());
    }
    gen.writeBooleanField("stored", false);
    gen.writeNumberField("size", f.size());
    gen.writeNumberField("tx_id", f.txId());
    gen.writeEndObject();
  }

  /**
   * An alert's transaction object: its record's fields and, when {@code options} asks, the HTTP
   * bodies of {@code payload} ({@code http_request_body}, {@code http_response_body} and their
   * {@code _printable} forms).
   */
  static void alertApp(
      JsonGenerator gen,
      JsonRecordWriter records,
      AppRecord app,
      AlertPayload payload,
      EveOptions options)
      throws IOException {
    boolean bodies = payload != null && (options.httpBody() || options.httpBodyPrintable());
    if (!bodies) {
      records.writeObject(app);
      return;
    }
    if (app instanceof StoredRecord stored) {
      // the record's stored text, the bodies added at its end
      java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
      try (JsonGenerator g = JsonRecordWriter.utf8(text)) {
        g.writeStartObject();
        body(g, "http_request_body", payload.requestBody(), options);
        body(g, "http_response_body", payload.responseBody(), options);
        g.writeEndObject();
      }
      String extra = text.toString(java.nio.charset.StandardCharsets.UTF_8);
      String json = stored.json().strip();
      if (extra.length() > 2) {
        json =
            json.equals("{}")
                ? extra
                : json.substring(0, json.length() - 1) + "," + extra.substring(1);
      }
      gen.writeFieldName(stored.eventType());
      gen.writeRawValue(json);
      return;
    }
    gen.writeObjectFieldStart(app.eventType());
    app.writeFields(records);
    body(gen, "http_request_body", payload.requestBody(), options);
    body(gen, "http_response_body", payload.responseBody(), options);
    gen.writeEndObject();
  }

  private static void body(JsonGenerator gen, String name, byte[] b, EveOptions options)
      throws IOException {
    if (b == null || b.length == 0) {
      return;
    }
    if (options.httpBody()) {
      gen.writeFieldName(name);
      gen.writeBinary(b);
    }
    if (options.httpBodyPrintable()) {
      gen.writeStringField(name + "_printable", AlertPayload.printable(b));
    }
  }

  /**
   * An alert's {@code payload}, {@code payload_printable}, {@code stream}, {@code packet} and
   * {@code packet_info}, as far as {@code options} asks for them.
   */
  static void alertPayload(JsonGenerator gen, AlertPayload p, EveOptions options)
      throws IOException {
    if (p == null) {
      return;
    }
    if (p.truncated()) {
      gen.writeBooleanField("payload_truncated", true);
    }
    if (options.payload() || options.payloadPrintable()) {
      byte[] data = p.payload();
      if (data != null && p.stream() && data.length > options.payloadBufferSize()) {
        // stream data: its last payload-buffer-size bytes, those nearest the match
        data = Arrays.copyOfRange(data, data.length - options.payloadBufferSize(), data.length);
      }
      if (data != null) {
        if (options.payload()) {
          gen.writeFieldName("payload");
          gen.writeBinary(data);
        }
        if (options.payloadPrintable()) {
          gen.writeStringField("payload_printable", AlertPayload.printable(data));
        }
      }
      gen.writeNumberField("stream", p.stream() ? 1 : 0);
    }
    if (options.packet() && p.packet() != null) {
      gen.writeFieldName("packet");
      gen.writeBinary(p.packet());
      gen.writeObjectFieldStart("packet_info");
      gen.writeNumberField("linktype", p.linkType());
      gen.writeEndObject();
    }
  }

  /** The fields of the {@code drop} object, per IP version and transport as Suricata 7. */
  static void drop(JsonGenerator gen, DropEvent d) throws IOException {
    DropDetails x = d.details();
    gen.writeNumberField("len", d.len());
    if (x != null && x.ipv6()) {
      gen.writeNumberField("tc", d.tos());
      gen.writeNumberField("hoplimit", d.ttl());
      gen.writeNumberField("flowlbl", x.flowLabel());
    } else {
      gen.writeNumberField("tos", d.tos());
      gen.writeNumberField("ttl", d.ttl());
      gen.writeNumberField("ipid", d.ipId());
    }
    if (x != null && "tcp".equals(x.l4())) {
      int f = x.tcpFlags();
      gen.writeNumberField("tcpseq", x.tcpSeq());
      gen.writeNumberField("tcpack", x.tcpAck());
      gen.writeNumberField("tcpwin", x.tcpWin());
      gen.writeBooleanField("syn", (f & 0x02) != 0);
      gen.writeBooleanField("ack", (f & 0x10) != 0);
      gen.writeBooleanField("psh", (f & 0x08) != 0);
      gen.writeBooleanField("rst", (f & 0x04) != 0);
      gen.writeBooleanField("urg", (f & 0x20) != 0);
      gen.writeBooleanField("fin", (f & 0x01) != 0);
      gen.writeNumberField("tcpres", x.tcpRes());
      gen.writeNumberField("tcpurgp", x.tcpUrgp());
    } else if (x != null && "udp".equals(x.l4())) {
      gen.writeNumberField("udplen", x.udpLen());
    } else if (x != null && "icmp".equals(x.l4()) && x.icmpId() >= 0) {
      gen.writeNumberField("icmp_id", x.icmpId());
      gen.writeNumberField("icmp_seq", x.icmpSeq());
    }
    gen.writeStringField("reason", d.reason());
  }

  /**
   * An alert's {@code files} array: the files of its transaction so far, a file still being
   * transferred in state {@code OPEN}.
   */
  static void alertFiles(JsonGenerator gen, AlertEvent a) throws IOException {
    if (a.files().isEmpty()) {
      return;
    }
    gen.writeArrayFieldStart("files");
    for (org.vigil.app.AppFile f : a.files()) {
      gen.writeStartObject();
      gen.writeStringField("filename", f.filename());
      gen.writeBooleanField("gaps", f.gaps());
      gen.writeStringField("state", f.closed() ? "CLOSED" : "OPEN");
      if (f.md5() != null) {
        gen.writeStringField("md5", f.md5());
      }
      if (f.sha1() != null) {
        gen.writeStringField("sha1", f.sha1());
      }
      if (f.sha256() != null) {
        gen.writeStringField("sha256", f.sha256());
      }
      gen.writeBooleanField("stored", false);
      gen.writeNumberField("size", f.size());
      if (a.txId() != null) {
        gen.writeNumberField("tx_id", a.txId());
      }
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  /** EVE's top-level {@code metadata} object of a flow's variables (nothing when null). */
  static void flowVars(JsonGenerator gen, FlowVars v) throws IOException {
    if (v == null) {
      return;
    }
    gen.writeObjectFieldStart("metadata");
    if (!v.flowbits().isEmpty()) {
      gen.writeArrayFieldStart("flowbits");
      for (String b : v.flowbits()) {
        gen.writeString(b);
      }
      gen.writeEndArray();
    }
    if (!v.flowints().isEmpty()) {
      gen.writeObjectFieldStart("flowints");
      for (var e : v.flowints().entrySet()) {
        gen.writeNumberField(e.getKey(), e.getValue());
      }
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }

  /** An alert's {@code tunnel} object (nothing when null). */
  static void tunnel(JsonGenerator gen, AlertTunnel t) throws IOException {
    if (t == null) {
      return;
    }
    gen.writeObjectFieldStart("tunnel");
    gen.writeStringField("src_ip", t.srcIp());
    gen.writeNumberField("src_port", t.srcPort());
    gen.writeStringField("dest_ip", t.destIp());
    gen.writeNumberField("dest_port", t.destPort());
    gen.writeStringField("proto", t.proto());
    gen.writeNumberField("depth", t.depth());
    if (t.pcapCnt() != null) {
      gen.writeNumberField("pcap_cnt", t.pcapCnt());
    }
    gen.writeStringField("pkt_src", t.pktSrc());
    gen.writeEndObject();
  }

  /**
   * The {@code source} and {@code target} objects of an alert whose rule names its target side
   * ({@code target}: {@link AlertExtras#TARGET_SRC} or {@link AlertExtras#TARGET_DEST}, null:
   * nothing), from the alert's addresses; ports for protocols with ports.
   */
  static void sourceTarget(JsonGenerator gen, EventHeader h, String target) throws IOException {
    if (target == null) {
      return;
    }
    boolean destIsTarget = target.equals(AlertExtras.TARGET_DEST);
    endpoint(
        gen,
        "source",
        destIsTarget ? h.srcIp() : h.destIp(),
        destIsTarget ? h.srcPort() : h.destPort());
    endpoint(
        gen,
        "target",
        destIsTarget ? h.destIp() : h.srcIp(),
        destIsTarget ? h.destPort() : h.srcPort());
  }

  private static void endpoint(JsonGenerator gen, String name, String ip, Integer port)
      throws IOException {
    gen.writeObjectFieldStart(name);
    gen.writeStringField("ip", ip);
    if (port != null) {
      gen.writeNumberField("port", port);
    }
    gen.writeEndObject();
  }

  /** EVE's {@code vlan} array (nothing when null). */
  static void vlan(JsonGenerator gen, java.util.List<Integer> vlan) throws IOException {
    if (vlan == null) {
      return;
    }
    gen.writeArrayFieldStart("vlan");
    for (int id : vlan) {
      gen.writeNumber(id);
    }
    gen.writeEndArray();
  }

  /**
   * An alert's {@code metadata} object of its rule's {@code metadata:} values (nothing when empty),
   * keys sorted ignoring case as Suricata sorts them.
   */
  static void ruleMetadata(JsonGenerator gen, java.util.Map<String, java.util.List<String>> m)
      throws IOException {
    if (m.isEmpty()) {
      return;
    }
    var keys = new java.util.ArrayList<>(m.entrySet());
    keys.sort(java.util.Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER));
    gen.writeObjectFieldStart("metadata");
    for (var e : keys) {
      gen.writeArrayFieldStart(e.getKey());
      for (String v : e.getValue()) {
        gen.writeString(v);
      }
      gen.writeEndArray();
    }
    gen.writeEndObject();
  }
}
