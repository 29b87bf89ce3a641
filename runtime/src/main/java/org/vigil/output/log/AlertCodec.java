package org.vigil.output.log;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesIn;
import org.vigil.app.AppRecord;
import org.vigil.output.AlertEvent;
import org.vigil.output.AlertFlow;
import org.vigil.output.EventHeader;
import org.vigil.output.RecordText;
import org.vigil.output.StoredRecord;

/**
 * The alert log's binary record layout: a version byte, then fixed-width numbers and UTF-8 strings
 * with a stop-bit length (null as length -1). No field names; the transaction's app record is kept
 * as its event type and EVE's JSON text of its fields, so the log holds any protocol's record and
 * prints it back as the run wrote it. Version 6:
 *
 * <pre>
 *   u8 version=6
 *   i64 timestamp_nanos, i64 flow_id, i64 pcap_cnt (-1 = none)
 *   str pcap_filename, str src_ip, i32 src_port (-1 = none), str dest_ip, i32 dest_port (-1 = none)
 *   str proto, str direction, i32 icmp_type (-1 = none), i32 icmp_code (-1 = none)
 *   u8 action (0 allowed, 1 blocked), i32 gid, i64 signature_id, i32 rev, str signature,
 *   str category, i32 severity, str app_proto
 *   str app_event_type (null: no app record), str app_json (when app_event_type is not null)
 *   i64 tx_id (-1 = none)
 *   u8 has_flow, then i64 pkts_toserver, pkts_toclient, bytes_toserver, bytes_toclient,
 *   start_nanos, str src_ip, str dest_ip, i32 src_port (-1 = none), i32 dest_port (-1 = none)
 *   i32 metadata keys, then per key: str key, i32 values, str value...
 *   str pkt_src (null = none)
 *   i32 files, then per file: u8 to_server, str filename, i64 size, u8 gaps, u8 closed,
 *   str md5, str sha1, str sha256 (null = not computed)
 *   the tagged fields of {@link ExtraFields} (VLAN ids, flow variables, tunnel, target,
 *   per-direction protocols, payload), ended by tag 0
 * </pre>
 *
 * Version 5 is not an alert's (the other records' layout, {@link RecordCodec}). Version 4 (read
 * only) ended before the tagged fields, version 3 (read only) after the metadata, version 2 (read
 * only) before it.
 *
 * <p>Version 1 (read only) had no ICMP fields, the HTTP fields in place of the app record (u8
 * has_http, then str hostname, url, user_agent, content_type, refer, method, protocol, i32 status,
 * i64 length), and nothing after them.
 */
public final class AlertCodec {
  /** The layout version this codec writes. */
  public static final byte VERSION = 6;

  private static final byte VERSION_4 = 4;

  private static final byte VERSION_3 = 3;

  private static final byte VERSION_2 = 2;

  private static final byte VERSION_1 = 1;

  private AlertCodec() {}

  /** Appends {@code a} to {@code out}. */
  public static void write(Bytes<?> out, AlertEvent a) {
    RecordBuffer b = new RecordBuffer();
    write(b, a, null);
    b.copyTo(out);
  }

  /**
   * Appends {@code a} to {@code out}, its app record rendered by {@code text} (null: a new one).
   */
  static void write(RecordBuffer out, AlertEvent a, RecordText text) {
    EventHeader h = a.header();
    out.writeByte(VERSION);
    writeHeader(out, h);
    out.writeByte((byte) (AlertEvent.BLOCKED.equals(a.action()) ? 1 : 0));
    out.writeInt(a.gid());
    out.writeLong(a.signatureId());
    out.writeInt(a.rev());
    out.writeUtf8(a.signature());
    out.writeUtf8(a.category());
    out.writeInt(a.severity());
    out.writeUtf8(a.appProto());
    AppRecord app = a.app();
    if (app == null) {
      out.writeUtf8((String) null);
    } else if (text == null || app instanceof StoredRecord) {
      StoredRecord stored = StoredRecord.of(app);
      out.writeUtf8(stored.eventType());
      out.writeUtf8(stored.json());
    } else {
      out.writeUtf8(app.eventType());
      int length = text.render(app);
      out.writeUtf8(text.bytes(), length);
    }
    out.writeLong(a.txId() == null ? -1 : a.txId());
    AlertFlow f = a.flow();
    out.writeByte((byte) (f == null ? 0 : 1));
    if (f != null) {
      out.writeLong(f.pktsToServer());
      out.writeLong(f.pktsToClient());
      out.writeLong(f.bytesToServer());
      out.writeLong(f.bytesToClient());
      out.writeLong(f.startNanos());
      out.writeUtf8(f.srcIp());
      out.writeUtf8(f.destIp());
      out.writeInt(f.srcPort() == null ? -1 : f.srcPort());
      out.writeInt(f.destPort() == null ? -1 : f.destPort());
    }
    out.writeInt(a.metadata().size());
    for (var e : a.metadata().entrySet()) {
      out.writeUtf8(e.getKey());
      out.writeInt(e.getValue().size());
      for (String v : e.getValue()) {
        out.writeUtf8(v);
      }
    }
    out.writeUtf8(h.pktSrc());
    out.writeInt(a.files().size());
    for (org.vigil.app.AppFile file : a.files()) {
      out.writeByte((byte) (file.toServer() ? 1 : 0));
      out.writeUtf8(file.filename());
      out.writeLong(file.size());
      out.writeByte((byte) (file.gaps() ? 1 : 0));
      out.writeByte((byte) (file.closed() ? 1 : 0));
      out.writeUtf8(file.md5());
      out.writeUtf8(file.sha1());
      out.writeUtf8(file.sha256());
    }
    ExtraFields.writeAlert(out, h, a.more(), a.payload());
  }

  /**
   * Reads one record written by {@link #write}; throws if the layout version is unknown or a count
   * or stored record is impossible ({@link LogInput}).
   */
  public static AlertEvent read(BytesIn<?> in) {
    byte version = in.readByte();
    if (version != VERSION
        && version != VERSION_4
        && version != VERSION_3
        && version != VERSION_2
        && version != VERSION_1) {
      throw new IllegalStateException(
          "alert log record has layout version "
              + version
              + "; this Vigil reads versions "
              + VERSION_1
              + " to "
              + VERSION_4
              + " and "
              + VERSION);
    }
    EventHeader h = readHeader(in, version != VERSION_1);
    String action = in.readByte() == 1 ? AlertEvent.BLOCKED : AlertEvent.ALLOWED;
    int gid = in.readInt();
    long sid = in.readLong();
    int rev = in.readInt();
    String msg = in.readUtf8();
    String category = in.readUtf8();
    int severity = in.readInt();
    String appProto = in.readUtf8();
    if (version == VERSION_1) {
      AppRecord app = in.readByte() == 1 ? Version1Http.read(in) : null;
      return AlertEvent.builder(h)
          .action(action)
          .rule(gid, sid, rev)
          .signature(msg, category, severity)
          .app(appProto, app)
          .build();
    }
    String type = in.readUtf8();
    AppRecord app = type == null ? null : new StoredRecord(type, LogInput.jsonObject(in));
    long txId = in.readLong();
    AlertFlow flow = null;
    if (in.readByte() == 1) {
      long pts = in.readLong();
      long ptc = in.readLong();
      long bts = in.readLong();
      long btc = in.readLong();
      long start = in.readLong();
      String fsrc = in.readUtf8();
      String fdst = in.readUtf8();
      int fsp = in.readInt();
      int fdp = in.readInt();
      flow =
          new AlertFlow(
              pts, ptc, bts, btc, start, fsrc, fdst, fsp < 0 ? null : fsp, fdp < 0 ? null : fdp);
    }
    java.util.Map<String, java.util.List<String>> metadata = new java.util.LinkedHashMap<>();
    int nmeta = version == VERSION_2 ? 0 : LogInput.count(in);
    for (int i = 0; i < nmeta; i++) {
      String key = LogInput.required(in, "a metadata key");
      int nv = LogInput.count(in);
      java.util.List<String> vs = new java.util.ArrayList<>(nv);
      for (int k = 0; k < nv; k++) {
        vs.add(in.readUtf8());
      }
      metadata.put(key, vs);
    }
    java.util.List<org.vigil.app.AppFile> files = new java.util.ArrayList<>();
    if (version == VERSION || version == VERSION_4) {
      h = h.withPktSrc(in.readUtf8());
      int nfiles = LogInput.count(in);
      for (int i = 0; i < nfiles; i++) {
        files.add(
            new org.vigil.app.AppFile(
                in.readByte() == 1,
                in.readUtf8(),
                in.readLong(),
                in.readByte() == 1,
                in.readByte() == 1,
                in.readUtf8(),
                in.readUtf8(),
                in.readUtf8()));
      }
    }
    ExtraFields.Read more = version == VERSION ? ExtraFields.read(in) : null;
    return AlertEvent.builder(more == null ? h : more.header(h))
        .action(action)
        .rule(gid, sid, rev)
        .signature(msg, category, severity)
        .app(appProto, app)
        .txId(txId < 0 ? null : txId)
        .flow(flow)
        .metadata(metadata)
        .files(files)
        .more(more == null ? null : more.more())
        .payload(more == null ? null : more.payload())
        .build();
  }

  /**
   * Appends the header fields up to the ICMP code (all but {@code pkt_src}): i64 timestamp_nanos,
   * i64 flow_id, i64 pcap_cnt (-1 = none), str pcap_filename, str src_ip, i32 src_port (-1 = none),
   * str dest_ip, i32 dest_port (-1 = none), str proto, str direction, i32 icmp_type (-1 = none),
   * i32 icmp_code (-1 = none).
   */
  static void writeHeader(RecordBuffer out, EventHeader h) {
    out.writeLong(h.timestampNanos());
    out.writeLong(h.flowId());
    out.writeLong(h.pcapCnt() == null ? -1 : h.pcapCnt());
    out.writeUtf8(h.pcapFilename());
    out.writeUtf8(h.srcIp());
    out.writeInt(h.srcPort() == null ? -1 : h.srcPort());
    out.writeUtf8(h.destIp());
    out.writeInt(h.destPort() == null ? -1 : h.destPort());
    out.writeUtf8(h.proto());
    out.writeUtf8(h.direction());
    out.writeInt(h.icmpType() == null ? -1 : h.icmpType());
    out.writeInt(h.icmpCode() == null ? -1 : h.icmpCode());
  }

  /**
   * Reads what {@link #writeHeader} wrote (without the ICMP fields when {@code icmp} is false, as
   * layout 1 had none), as a header without {@code pkt_src}.
   */
  static EventHeader readHeader(BytesIn<?> in, boolean icmp) {
    long ts = in.readLong();
    long flowId = in.readLong();
    long cnt = in.readLong();
    String file = in.readUtf8();
    String srcIp = in.readUtf8();
    int sp = in.readInt();
    String destIp = in.readUtf8();
    int dp = in.readInt();
    String proto = in.readUtf8();
    String direction = in.readUtf8();
    int icmpType = icmp ? in.readInt() : -1;
    int icmpCode = icmp ? in.readInt() : -1;
    return new EventHeader(
        ts,
        flowId,
        cnt < 0 ? null : cnt,
        file,
        srcIp,
        sp < 0 ? null : sp,
        destIp,
        dp < 0 ? null : dp,
        proto,
        direction,
        icmpType < 0 ? null : icmpType,
        icmpCode < 0 ? null : icmpCode,
        null);
  }
}
