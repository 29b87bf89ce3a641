package org.vigil.output;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The fields of an EVE flow record after its shared header, in Suricata 7's order: the ICMP
 * answer's type or ESP's SPI, the app protocols, the {@code flow} object, the flow's variables
 * ({@code metadata}) and a TCP flow's {@code tcp} object.
 */
final class EveFlowFields {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EveFlowFields() {}

  /** Writes the record's own fields into the open record object. */
  static void write(JsonGenerator gen, EveTimestamp ts, FlowEvent f) throws IOException {
    FlowDetails d = f.details();
    if (d.responseIcmpType() != null) {
      gen.writeNumberField("response_icmp_type", d.responseIcmpType());
      gen.writeNumberField(
          "response_icmp_code", d.responseIcmpCode() == null ? 0 : d.responseIcmpCode());
    }
    if (d.spi() != null) {
      gen.writeNumberField("spi", d.spi());
    }
    string(gen, "app_proto", f.appProto());
    string(gen, "app_proto_ts", d.appProtoTs());
    string(gen, "app_proto_tc", d.appProtoTc());
    string(gen, "app_proto_orig", d.appProtoOrig());
    gen.writeObjectFieldStart("flow");
    gen.writeNumberField("pkts_toserver", f.pktsToServer());
    gen.writeNumberField("pkts_toclient", f.pktsToClient());
    gen.writeNumberField("bytes_toserver", f.bytesToServer());
    gen.writeNumberField("bytes_toclient", f.bytesToClient());
    gen.writeFieldName("start");
    gen.writeString(ts.eve(f.startNanos()));
    gen.writeFieldName("end");
    gen.writeString(ts.eve(f.endNanos()));
    gen.writeNumberField("age", f.ageSeconds());
    gen.writeStringField("state", f.state());
    gen.writeStringField("reason", f.reason());
    gen.writeBooleanField("alerted", f.alerted());
    gen.writeEndObject();
    EveRecordFields.flowVars(gen, f.header().vars());
    if (d.tcp() != null) {
      tcp(gen, d.tcp());
    }
  }

  private static void tcp(JsonGenerator gen, FlowTcp t) throws IOException {
    gen.writeObjectFieldStart("tcp");
    hex(gen, "tcp_flags", t.flags());
    hex(gen, "tcp_flags_ts", t.flagsToServer());
    hex(gen, "tcp_flags_tc", t.flagsToClient());
    int all = t.flags();
    flag(gen, all, 0x02, "syn");
    flag(gen, all, 0x01, "fin");
    flag(gen, all, 0x04, "rst");
    flag(gen, all, 0x08, "psh");
    flag(gen, all, 0x10, "ack");
    flag(gen, all, 0x20, "urg");
    flag(gen, all, 0x40, "ecn");
    flag(gen, all, 0x80, "cwr");
    if (t.state() != null) {
      gen.writeStringField("state", t.state());
      if (t.gapToClient()) {
        gen.writeBooleanField("tc_gap", true);
      }
      if (t.gapToServer()) {
        gen.writeBooleanField("ts_gap", true);
      }
      // one region per direction: Vigil's stream stores have no region count of their own
      gen.writeNumberField("ts_max_regions", 1);
      gen.writeNumberField("tc_max_regions", 1);
    }
    gen.writeEndObject();
  }

  private static void flag(JsonGenerator gen, int flags, int bit, String name) throws IOException {
    if ((flags & bit) != 0) {
      gen.writeBooleanField(name, true);
    }
  }

  private static void hex(JsonGenerator gen, String name, int b) throws IOException {
    gen.writeFieldName(name);
    gen.writeString(new char[] {HEX[(b >>> 4) & 0xf], HEX[b & 0xf]}, 0, 2);
  }

  private static void string(JsonGenerator gen, String name, String value) throws IOException {
    if (value != null) {
      gen.writeStringField(name, value);
    }
  }
}
