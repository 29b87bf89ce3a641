package org.vigil.output.log;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesIn;
import org.vigil.output.AlertEvent;
import org.vigil.output.EventHeader;
import org.vigil.output.HttpInfo;

/**
 * The alert log's binary record layout: a version byte, then fixed-width numbers and UTF-8 strings
 * with a stop-bit length (null as length -1). No field names, no JSON. Version 1:
 *
 * <pre>
 *   u8 version=1
 *   i64 timestamp_nanos, i64 flow_id, i64 pcap_cnt (-1 = none)
 *   str pcap_filename, str src_ip, i32 src_port (-1 = none), str dest_ip, i32 dest_port (-1 = none)
 *   str proto, str direction
 *   u8 action (0 allowed, 1 blocked), i32 gid, i64 signature_id, i32 rev, str signature,
 *   str category, i32 severity, str app_proto
 *   u8 has_http, then str hostname, url, user_agent, content_type, refer, method, protocol,
 *   i32 status (-1 = none), i64 length (-1 = none)
 * </pre>
 */
public final class AlertCodec {
  /** The layout version this codec writes. */
  public static final byte VERSION = 1;

  private AlertCodec() {}

  /** Appends {@code a} to {@code out}. */
  public static void write(Bytes<?> out, AlertEvent a) {
    EventHeader h = a.header();
    out.writeByte(VERSION);
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
    out.writeByte((byte) (AlertEvent.BLOCKED.equals(a.action()) ? 1 : 0));
    out.writeInt(a.gid());
    out.writeLong(a.signatureId());
    out.writeInt(a.rev());
    out.writeUtf8(a.signature());
    out.writeUtf8(a.category());
    out.writeInt(a.severity());
    out.writeUtf8(a.appProto());
    HttpInfo http = a.http();
    out.writeByte((byte) (http == null ? 0 : 1));
    if (http != null) {
      out.writeUtf8(http.hostname());
      out.writeUtf8(http.url());
      out.writeUtf8(http.httpUserAgent());
      out.writeUtf8(http.httpContentType());
      out.writeUtf8(http.httpRefer());
      out.writeUtf8(http.httpMethod());
      out.writeUtf8(http.protocol());
      out.writeInt(http.status() == null ? -1 : http.status());
      out.writeLong(http.length() == null ? -1 : http.length());
    }
  }

  /** Reads one record written by {@link #write}; throws if the layout version is unknown. */
  public static AlertEvent read(BytesIn<?> in) {
    byte version = in.readByte();
    if (version != VERSION) {
      throw new IllegalStateException(
          "alert log record has layout version "
              + version
              + "; this Vigil reads version "
              + VERSION);
    }
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
    EventHeader h =
        new EventHeader(
            ts,
            flowId,
            cnt < 0 ? null : cnt,
            file,
            srcIp,
            sp < 0 ? null : sp,
            destIp,
            dp < 0 ? null : dp,
            proto,
            direction);
    String action = in.readByte() == 1 ? AlertEvent.BLOCKED : AlertEvent.ALLOWED;
    int gid = in.readInt();
    long sid = in.readLong();
    int rev = in.readInt();
    String msg = in.readUtf8();
    String category = in.readUtf8();
    int severity = in.readInt();
    String appProto = in.readUtf8();
    HttpInfo http = null;
    if (in.readByte() == 1) {
      String host = in.readUtf8();
      String url = in.readUtf8();
      String ua = in.readUtf8();
      String ct = in.readUtf8();
      String refer = in.readUtf8();
      String method = in.readUtf8();
      String protocol = in.readUtf8();
      int status = in.readInt();
      long length = in.readLong();
      http =
          new HttpInfo(
              host,
              url,
              ua,
              ct,
              refer,
              method,
              protocol,
              status < 0 ? null : status,
              length < 0 ? null : length);
    }
    return new AlertEvent(h, action, gid, sid, rev, msg, category, severity, appProto, http);
  }
}
