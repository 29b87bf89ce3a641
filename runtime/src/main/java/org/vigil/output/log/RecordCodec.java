package org.vigil.output.log;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesIn;
import org.vigil.output.AlertEvent;
import org.vigil.output.AnomalyEvent;
import org.vigil.output.AppEvent;
import org.vigil.output.DropDetails;
import org.vigil.output.DropEvent;
import org.vigil.output.EventHeader;
import org.vigil.output.FileEvent;
import org.vigil.output.FlowDetails;
import org.vigil.output.FlowEvent;
import org.vigil.output.OutputEvent;
import org.vigil.output.StoredRecord;

/**
 * The log's layout for every record but alerts (which keep {@link AlertCodec}'s layouts): a version
 * byte 7, a kind byte, then the kind's fields, in the same primitives as alerts (fixed-width
 * numbers, UTF-8 strings with a stop-bit length, null as -1, -1 for an absent number), then (but
 * for stats) the header's tagged fields ({@link ExtraFields}: VLAN ids, flow variables) ended by
 * tag 0. App records are kept as their event type and EVE's JSON text. Layout 5 (read only) had no
 * tagged fields.
 *
 * <pre>
 *   u8 version=7, u8 kind
 *   header (all but stats): an alert's header fields ({@link AlertCodec#writeHeader}), str pkt_src
 *   1 flow: header, str app_proto, i64 pkts_toserver, pkts_toclient, bytes_toserver,
 *     bytes_toclient, start_nanos, end_nanos, str state, str reason, u8 alerted (the fields only
 *     some flows carry are a tagged field)
 *   2 app: header, i64 tx_id, str event_type, str json
 *   3 fileinfo: header, str app_proto, str app_event_type (null: none) [str app_json], i64 tx_id,
 *     str filename, u8 gaps, str state, str md5, str sha1, str sha256, i64 size
 *   4 anomaly: header, str type, str event, str app_proto, str layer, i64 tx_id
 *   5 drop: header, i32 len, i32 tos, i32 ttl, i32 ip_id, str reason,
 *     u8 has_alert [an alert in its layout], u8 has_details [u8 ipv6, i32 flow_label, str l4,
 *     i64 tcp_seq, i64 tcp_ack, i32 tcp_win, tcp_flags, tcp_res, tcp_urgp, udp_len, icmp_id,
 *     icmp_seq]
 *   6 stats: i64 timestamp_nanos, i64 uptime_seconds, a counter tree ({@link CounterTree})
 * </pre>
 *
 * A record must be read to its last byte; anything else is refused ({@link BadRecordException}).
 */
final class RecordCodec {
  /** The layout version of the records this codec writes. */
  static final byte VERSION = 7;

  /** The layout before the tagged fields (read only). */
  static final byte VERSION_5 = 5;

  static final byte FLOW = 1;
  static final byte APP = 2;
  static final byte FILE = 3;
  static final byte ANOMALY = 4;
  static final byte DROP = 5;
  static final byte STATS = 6;

  private RecordCodec() {}

  /** Appends {@code e} (any record but an alert) to {@code out}. */
  static void write(Bytes<?> out, OutputEvent e) {
    RecordBuffer b = new RecordBuffer();
    write(b, e);
    b.copyTo(out);
  }

  /** Encodes {@code e} (any record but an alert) into {@code out}. */
  static void write(RecordBuffer out, OutputEvent e) {
    out.writeByte(VERSION);
    switch (e) {
      case AlertEvent a -> throw new IllegalArgumentException("alerts use AlertCodec: " + a);
      case FlowEvent f -> {
        out.writeByte(FLOW);
        header(out, f.header());
        out.writeUtf8(f.appProto());
        out.writeLong(f.pktsToServer());
        out.writeLong(f.pktsToClient());
        out.writeLong(f.bytesToServer());
        out.writeLong(f.bytesToClient());
        out.writeLong(f.startNanos());
        out.writeLong(f.endNanos());
        out.writeUtf8(f.state());
        out.writeUtf8(f.reason());
        out.writeByte((byte) (f.alerted() ? 1 : 0));
      }
      case AppEvent t -> {
        out.writeByte(APP);
        header(out, t.header());
        out.writeLong(t.txId());
        StoredRecord s = StoredRecord.of(t.record());
        out.writeUtf8(s.eventType());
        out.writeUtf8(s.json());
      }
      case FileEvent f -> {
        out.writeByte(FILE);
        header(out, f.header());
        out.writeUtf8(f.appProto());
        if (f.app() == null) {
          out.writeUtf8((String) null);
        } else {
          StoredRecord s = StoredRecord.of(f.app());
          out.writeUtf8(s.eventType());
          out.writeUtf8(s.json());
        }
        out.writeLong(f.txId());
        out.writeUtf8(f.filename());
        out.writeByte((byte) (f.gaps() ? 1 : 0));
        out.writeUtf8(f.state());
        out.writeUtf8(f.md5());
        out.writeUtf8(f.sha1());
        out.writeUtf8(f.sha256());
        out.writeLong(f.size());
      }
      case AnomalyEvent a -> {
        out.writeByte(ANOMALY);
        header(out, a.header());
        out.writeUtf8(a.type());
        out.writeUtf8(a.event());
        out.writeUtf8(a.appProto());
        out.writeUtf8(a.layer());
        out.writeLong(a.txId() == null ? -1 : a.txId());
      }
      case DropEvent d -> {
        out.writeByte(DROP);
        header(out, d.header());
        out.writeInt(d.len());
        out.writeInt(d.tos());
        out.writeInt(d.ttl());
        out.writeInt(d.ipId());
        out.writeUtf8(d.reason());
        out.writeByte((byte) (d.alert() == null ? 0 : 1));
        if (d.alert() != null) {
          AlertCodec.write(out, d.alert(), null);
        }
        details(out, d.details());
      }
    }
    if (e instanceof FlowEvent f) {
      ExtraFields.writeFlow(out, f.header(), f.details());
    } else {
      ExtraFields.writeHeader(out, e.header());
    }
  }

  /** Appends a stats record to {@code out}. */
  static void writeStats(
      RecordBuffer out,
      long timestampNanos,
      long uptimeSeconds,
      java.util.Map<String, ?> counters) {
    out.writeByte(VERSION);
    out.writeByte(STATS);
    out.writeLong(timestampNanos);
    out.writeLong(uptimeSeconds);
    CounterTree.write(out, counters);
  }

  /**
   * Reads one record of any layout the log holds (an alert of layouts 1–4, or a layout 5 record).
   *
   * @throws BadRecordException when the bytes are not such a record
   */
  static LogRecord read(BytesIn<?> in) {
    try {
      if (in.readRemaining() < 2) {
        throw new BadRecordException("a record of " + in.readRemaining() + " bytes");
      }
      int version = in.peekUnsignedByte();
      if (version != VERSION && version != VERSION_5) {
        AlertEvent a = AlertCodec.read(in);
        LogInput.end(in);
        return new LogRecord.Event(a);
      }
      in.readByte();
      byte kind = in.readByte();
      if (kind == STATS) {
        LogRecord r = new LogRecord.Stats(in.readLong(), in.readLong(), CounterTree.read(in));
        LogInput.end(in);
        return r;
      }
      OutputEvent e =
          switch (kind) {
            case FLOW -> flow(in);
            case APP -> app(in);
            case FILE -> file(in);
            case ANOMALY -> anomaly(in);
            case DROP -> drop(in);
            default -> throw new BadRecordException("unknown record kind " + kind);
          };
      if (version == VERSION) {
        ExtraFields.Read extra = ExtraFields.read(in);
        EventHeader h = extra.header(e.header());
        if (h != e.header()) {
          e = OutputEvent.withHeader(e, h);
        }
        if (extra.flow() != null && e instanceof FlowEvent f) {
          e = f.withDetails(extra.flow());
        }
      }
      LogInput.end(in);
      return new LogRecord.Event(e);
    } catch (BadRecordException e) {
      throw e;
    } catch (RuntimeException e) {
      // a short record, a string running past its end, a field a record type refuses
      throw new BadRecordException(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static FlowEvent flow(BytesIn<?> in) {
    return new FlowEvent(
        header(in),
        in.readUtf8(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readUtf8(),
        in.readUtf8(),
        in.readByte() == 1,
        FlowDetails.NONE);
  }

  private static AppEvent app(BytesIn<?> in) {
    EventHeader h = header(in);
    long tx = in.readLong();
    String type = LogInput.required(in, "an app record's event type");
    return new AppEvent(h, tx, new StoredRecord(type, LogInput.jsonObject(in)));
  }

  private static FileEvent file(BytesIn<?> in) {
    EventHeader h = header(in);
    String appProto = in.readUtf8();
    String type = in.readUtf8();
    StoredRecord app = type == null ? null : new StoredRecord(type, LogInput.jsonObject(in));
    return new FileEvent(
        h,
        appProto,
        app,
        in.readLong(),
        in.readUtf8(),
        in.readByte() == 1,
        in.readUtf8(),
        in.readUtf8(),
        in.readUtf8(),
        in.readUtf8(),
        in.readLong());
  }

  private static AnomalyEvent anomaly(BytesIn<?> in) {
    EventHeader h = header(in);
    String type = in.readUtf8();
    String event = in.readUtf8();
    String appProto = in.readUtf8();
    String layer = in.readUtf8();
    long tx = in.readLong();
    return new AnomalyEvent(h, type, event, appProto, layer, tx < 0 ? null : tx);
  }

  private static DropEvent drop(BytesIn<?> in) {
    EventHeader h = header(in);
    int len = in.readInt();
    int tos = in.readInt();
    int ttl = in.readInt();
    int ipId = in.readInt();
    String reason = in.readUtf8();
    AlertEvent alert = in.readByte() == 1 ? AlertCodec.read(in) : null;
    DropDetails details = null;
    if (in.readByte() == 1) {
      details =
          new DropDetails(
              in.readByte() == 1,
              in.readInt(),
              in.readUtf8(),
              in.readLong(),
              in.readLong(),
              in.readInt(),
              in.readInt(),
              in.readInt(),
              in.readInt(),
              in.readInt(),
              in.readInt(),
              in.readInt());
    }
    return new DropEvent(h, len, tos, ttl, ipId, reason, alert, details);
  }

  private static void details(RecordBuffer out, DropDetails d) {
    out.writeByte((byte) (d == null ? 0 : 1));
    if (d == null) {
      return;
    }
    out.writeByte((byte) (d.ipv6() ? 1 : 0));
    out.writeInt(d.flowLabel());
    out.writeUtf8(d.l4());
    out.writeLong(d.tcpSeq());
    out.writeLong(d.tcpAck());
    out.writeInt(d.tcpWin());
    out.writeInt(d.tcpFlags());
    out.writeInt(d.tcpRes());
    out.writeInt(d.tcpUrgp());
    out.writeInt(d.udpLen());
    out.writeInt(d.icmpId());
    out.writeInt(d.icmpSeq());
  }

  private static void header(RecordBuffer out, EventHeader h) {
    AlertCodec.writeHeader(out, h);
    out.writeUtf8(h.pktSrc());
  }

  private static EventHeader header(BytesIn<?> in) {
    return AlertCodec.readHeader(in, true).withPktSrc(in.readUtf8());
  }
}
