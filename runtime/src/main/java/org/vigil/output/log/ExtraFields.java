package org.vigil.output.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.bytes.BytesIn;
import org.vigil.output.AlertExtras;
import org.vigil.output.AlertPayload;
import org.vigil.output.AlertTunnel;
import org.vigil.output.EveOptions;
import org.vigil.output.EventHeader;
import org.vigil.output.FlowDetails;
import org.vigil.output.FlowTcp;
import org.vigil.output.FlowVars;

/**
 * The tagged fields that end an alert of layout 6 and a record of layout 7: the fields only some
 * records carry, each written only when present, so a record pays nothing for the ones it lacks and
 * a later tag is skipped by a reader that does not know it.
 *
 * <pre>
 *   per field: u8 tag, i32 length, length bytes; then u8 0
 *   1 vlan: i32 count, i32 id...
 *   2 flow variables: i32 flowbits, str name...; i32 flowints, (str name, i64 value)...
 *   3 tunnel: str src_ip, i32 src_port, str dest_ip, i32 dest_port, str proto, i32 depth,
 *     i64 pcap_cnt (-1 = none), str pkt_src
 *   4 target: str side (src_ip or dest_ip)
 *   5 app_proto_ts: str;  6 app_proto_tc: str;  9 tx_guessed: nothing (present: true)
 *   8 payload: bytes payload, u8 stream, bytes packet, i32 link_type, bytes request_body,
 *     bytes response_body (bytes: i32 length, -1 = none, then the bytes), u8 shown (bits: 1
 *     payload, 2 payload-printable, 4 packet, 8 http-body, 16 http-body-printable; 0xff: not
 *     known), i32 payload-buffer-size
 *   10 flow record: str app_proto_ts, str app_proto_tc, str app_proto_orig, i32 response_icmp_type,
 *     i32 response_icmp_code, i64 spi (-1 = none each), u8 has_tcp [u8 flags_ts, u8 flags_tc,
 *     str state, u8 gaps (1 ts, 2 tc)]
 *   11 payload truncated: nothing (present: the alert's bytes were cut to fit the log)
 * </pre>
 */
final class ExtraFields {
  private static final byte END = 0;
  private static final byte VLAN = 1;
  private static final byte VARS = 2;
  private static final byte TUNNEL = 3;
  private static final byte TARGET = 4;
  private static final byte APP_PROTO_TS = 5;
  private static final byte APP_PROTO_TC = 6;
  private static final byte PAYLOAD = 8;
  private static final byte TX_GUESSED = 9;
  private static final byte FLOW = 10;
  private static final byte TRUNCATED = 11;
  private static final int SHOWN_UNKNOWN = 0xff;

  private ExtraFields() {}

  /** What a reader gets back: the header's fields and, for an alert, its own. */
  record Read(
      List<Integer> vlan, FlowVars vars, AlertExtras more, AlertPayload payload, FlowDetails flow) {
    /** {@code h} with the header's fields read. */
    EventHeader header(EventHeader h) {
      return vlan == null && vars == null ? h : h.withExtras(vlan, vars);
    }
  }

  /** Appends the header's tagged fields (no alert fields), then the end tag. */
  static void writeHeader(RecordBuffer out, EventHeader h) {
    header(out, h);
    out.writeByte(END);
  }

  /** Appends the header's and a flow record's tagged fields, then the end tag. */
  static void writeFlow(RecordBuffer out, EventHeader h, FlowDetails d) {
    header(out, h);
    if (!d.equals(FlowDetails.NONE)) {
      int at = open(out, FLOW);
      out.writeUtf8(d.appProtoTs());
      out.writeUtf8(d.appProtoTc());
      out.writeUtf8(d.appProtoOrig());
      out.writeInt(d.responseIcmpType() == null ? -1 : d.responseIcmpType());
      out.writeInt(d.responseIcmpCode() == null ? -1 : d.responseIcmpCode());
      out.writeLong(d.spi() == null ? -1 : d.spi());
      FlowTcp t = d.tcp();
      out.writeByte((byte) (t == null ? 0 : 1));
      if (t != null) {
        out.writeByte((byte) t.flagsToServer());
        out.writeByte((byte) t.flagsToClient());
        out.writeUtf8(t.state());
        out.writeByte((byte) ((t.gapToServer() ? 1 : 0) | (t.gapToClient() ? 2 : 0)));
      }
      close(out, at);
    }
    out.writeByte(END);
  }

  /** Appends the header's and the alert's tagged fields, then the end tag. */
  static void writeAlert(RecordBuffer out, EventHeader h, AlertExtras more, AlertPayload payload) {
    header(out, h);
    if (more.tunnel() != null) {
      AlertTunnel t = more.tunnel();
      int at = open(out, TUNNEL);
      out.writeUtf8(t.srcIp());
      out.writeInt(t.srcPort());
      out.writeUtf8(t.destIp());
      out.writeInt(t.destPort());
      out.writeUtf8(t.proto());
      out.writeInt(t.depth());
      out.writeLong(t.pcapCnt() == null ? -1 : t.pcapCnt());
      out.writeUtf8(t.pktSrc());
      close(out, at);
    }
    string(out, TARGET, more.target());
    string(out, APP_PROTO_TS, more.appProtoTs());
    string(out, APP_PROTO_TC, more.appProtoTc());
    if (more.txGuessed()) {
      close(out, open(out, TX_GUESSED));
    }
    if (payload != null) {
      int at = open(out, PAYLOAD);
      bytes(out, payload.payload());
      out.writeByte((byte) (payload.stream() ? 1 : 0));
      bytes(out, payload.packet());
      out.writeInt(payload.linkType());
      bytes(out, payload.requestBody());
      bytes(out, payload.responseBody());
      EveOptions o = payload.shown();
      out.writeByte(
          (byte)
              (o == null
                  ? SHOWN_UNKNOWN
                  : (o.payload() ? 1 : 0)
                      | (o.payloadPrintable() ? 2 : 0)
                      | (o.packet() ? 4 : 0)
                      | (o.httpBody() ? 8 : 0)
                      | (o.httpBodyPrintable() ? 16 : 0)));
      out.writeInt(o == null ? 0 : o.payloadBufferSize());
      close(out, at);
      if (payload.truncated()) {
        close(out, open(out, TRUNCATED));
      }
    }
    out.writeByte(END);
  }

  /**
   * Reads tagged fields up to the end tag; a tag this reader does not know is skipped.
   *
   * @throws BadRecordException when a field runs past its length or the record
   */
  static Read read(BytesIn<?> in) {
    List<Integer> vlan = null;
    FlowVars vars = null;
    AlertTunnel tunnel = null;
    String target = null;
    String ts = null;
    String tc = null;
    boolean txGuessed = false;
    AlertPayload payload = null;
    FlowDetails flow = null;
    boolean truncated = false;
    for (byte tag = in.readByte(); tag != END; tag = in.readByte()) {
      int len = LogInput.count(in);
      long end = in.readPosition() + len;
      switch (tag) {
        case VLAN -> {
          int n = LogInput.count(in);
          vlan = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            vlan.add(in.readInt());
          }
        }
        case VARS -> {
          int nb = LogInput.count(in);
          List<String> bits = new ArrayList<>(nb);
          for (int i = 0; i < nb; i++) {
            bits.add(LogInput.required(in, "a flowbit name"));
          }
          int ni = LogInput.count(in);
          Map<String, Long> ints = new LinkedHashMap<>();
          for (int i = 0; i < ni; i++) {
            ints.put(LogInput.required(in, "a flowint name"), in.readLong());
          }
          vars = FlowVars.of(bits, ints);
        }
        case TUNNEL -> {
          String src = LogInput.required(in, "a tunnel's src_ip");
          int sp = in.readInt();
          String dst = LogInput.required(in, "a tunnel's dest_ip");
          int dp = in.readInt();
          String proto = in.readUtf8();
          int depth = in.readInt();
          long cnt = in.readLong();
          tunnel =
              new AlertTunnel(src, sp, dst, dp, proto, depth, cnt < 0 ? null : cnt, in.readUtf8());
        }
        case TARGET -> target = in.readUtf8();
        case APP_PROTO_TS -> ts = in.readUtf8();
        case APP_PROTO_TC -> tc = in.readUtf8();
        case TX_GUESSED -> txGuessed = true;
        case PAYLOAD -> {
          byte[] data = bytes(in);
          boolean stream = in.readByte() == 1;
          byte[] packet = bytes(in);
          int linkType = in.readInt();
          byte[] request = bytes(in);
          byte[] response = bytes(in);
          int bits = in.readUnsignedByte();
          int bufferSize = in.readInt();
          EveOptions shown = null;
          if (bits != SHOWN_UNKNOWN) {
            if (bufferSize <= 0) {
              throw new BadRecordException("a payload buffer size of " + bufferSize);
            }
            shown =
                new EveOptions(
                    (bits & 1) != 0,
                    (bits & 2) != 0,
                    (bits & 4) != 0,
                    (bits & 8) != 0,
                    (bits & 16) != 0,
                    bufferSize,
                    false,
                    false,
                    true,
                    false);
          }
          payload = new AlertPayload(data, stream, packet, linkType, request, response, shown);
        }
        case FLOW -> flow = flow(in);
        case TRUNCATED -> truncated = true;
        default -> in.readSkip(len);
      }
      if (in.readPosition() != end) {
        throw new BadRecordException("a field of tag " + tag + " that is not " + len + " bytes");
      }
    }
    if (truncated && payload != null) {
      payload =
          new AlertPayload(
              payload.payload(),
              payload.stream(),
              payload.packet(),
              payload.linkType(),
              payload.requestBody(),
              payload.responseBody(),
              payload.shown(),
              true);
    }
    AlertExtras more =
        tunnel == null && target == null && ts == null && tc == null && !txGuessed
            ? AlertExtras.NONE
            : new AlertExtras(tunnel, target, ts, tc, txGuessed);
    return new Read(vlan, vars, more, payload, flow);
  }

  private static FlowDetails flow(BytesIn<?> in) {
    String ts = in.readUtf8();
    String tc = in.readUtf8();
    String orig = in.readUtf8();
    int type = in.readInt();
    int code = in.readInt();
    long spi = in.readLong();
    FlowTcp tcp = null;
    if (in.readByte() == 1) {
      int flagsTs = in.readUnsignedByte();
      int flagsTc = in.readUnsignedByte();
      String state = in.readUtf8();
      int gaps = in.readUnsignedByte();
      tcp = new FlowTcp(flagsTs, flagsTc, state, (gaps & 1) != 0, (gaps & 2) != 0);
    }
    return new FlowDetails(
        ts, tc, orig, type < 0 ? null : type, code < 0 ? null : code, spi < 0 ? null : spi, tcp);
  }

  private static void header(RecordBuffer out, EventHeader h) {
    if (h.vlan() != null) {
      int at = open(out, VLAN);
      out.writeInt(h.vlan().size());
      for (int id : h.vlan()) {
        out.writeInt(id);
      }
      close(out, at);
    }
    FlowVars v = h.vars();
    if (v != null) {
      int at = open(out, VARS);
      out.writeInt(v.flowbits().size());
      for (String b : v.flowbits()) {
        out.writeUtf8(b);
      }
      out.writeInt(v.flowints().size());
      for (var e : v.flowints().entrySet()) {
        out.writeUtf8(e.getKey());
        out.writeLong(e.getValue());
      }
      close(out, at);
    }
  }

  private static void string(RecordBuffer out, byte tag, String value) {
    if (value != null) {
      int at = open(out, tag);
      out.writeUtf8(value);
      close(out, at);
    }
  }

  /** Writes the tag and a length to be patched; returns where the length is. */
  private static int open(RecordBuffer out, byte tag) {
    out.writeByte(tag);
    int at = out.writePosition();
    out.writeInt(0);
    return at;
  }

  /** Patches the length of the field whose length is at {@code at}. */
  private static void close(RecordBuffer out, int at) {
    out.writeInt(at, out.writePosition() - at - 4);
  }

  private static void bytes(RecordBuffer out, byte[] b) {
    if (b == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] bytes(BytesIn<?> in) {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > in.readRemaining()) {
      throw new BadRecordException(
          "a byte string of " + n + " with " + in.readRemaining() + " left");
    }
    byte[] b = new byte[n];
    in.read(b);
    return b;
  }
}
