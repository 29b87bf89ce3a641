package org.vigil.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;

/**
 * The fields of an EVE flow record after its shared header, in Suricata 7's order: the ICMP
 * answer's type or ESP's SPI, the app protocols, the {@code flow} object, the flow's variables
 * ({@code metadata}) and a TCP flow's {@code tcp} object.
 */
final class EveFlowFields {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EveFlowFields() {}

  /**
   * Writes the record's own fields into the open record object, its times formatted in {@code
   * chars} ({@link EveTimestamp#EVE_LENGTH} or more).
   */
  static void write(JsonGenerator gen, EveTimestamp ts, char[] chars, FlowEvent f)
      throws IOException {
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
    gen.writeFieldName(EveFieldNames.FLOW);
    gen.writeStartObject();
    number(gen, EveFieldNames.PKTS_TOSERVER, f.pktsToServer());
    number(gen, EveFieldNames.PKTS_TOCLIENT, f.pktsToClient());
    number(gen, EveFieldNames.BYTES_TOSERVER, f.bytesToServer());
    number(gen, EveFieldNames.BYTES_TOCLIENT, f.bytesToClient());
    gen.writeFieldName(EveFieldNames.START);
    gen.writeString(chars, 0, ts.eveChars(chars, f.startNanos()));
    gen.writeFieldName(EveFieldNames.END);
    gen.writeString(chars, 0, ts.eveChars(chars, f.endNanos()));
    number(gen, EveFieldNames.AGE, f.ageSeconds());
    gen.writeFieldName(EveFieldNames.STATE);
    gen.writeString(f.state());
    gen.writeFieldName(EveFieldNames.REASON);
    gen.writeString(f.reason());
    gen.writeFieldName(EveFieldNames.ALERTED);
    gen.writeBoolean(f.alerted());
    gen.writeEndObject();
    EveRecordFields.flowVars(gen, f.header().vars());
    if (d.tcp() != null) {
      tcp(gen, d.tcp());
    }
  }

  private static void number(JsonGenerator gen, SerializableString name, long v)
      throws IOException {
    gen.writeFieldName(name);
    gen.writeNumber(v);
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
