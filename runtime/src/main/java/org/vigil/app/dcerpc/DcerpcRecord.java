package org.vigil.app.dcerpc;

import java.util.List;
import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * The EVE {@code dcerpc} object of one call, as Suricata 7 writes it: the request's PDU type (or
 * REQUEST_LOST) with, for a request, its opnum, fragment count and stub size, and for a bind the
 * proposed interfaces with the bind_ack's result; the response's type (or UNREPLIED) with, for a
 * response, its fragment count and stub size; then the call id and RPC version over TCP, the
 * activity UUID, sequence number and version 4.0 over UDP (where Suricata logs opnum 0).
 *
 * @param ifaces the bind's interfaces, or null
 * @param callId the call id over TCP, or null
 * @param activity the activity UUID over UDP, or null
 */
record DcerpcRecord(
    int requestType,
    int opnum,
    int requestFrags,
    int requestStub,
    int responseType,
    int responseFrags,
    int responseStub,
    List<Iface> ifaces,
    Long callId,
    String activity,
    long seqnum,
    String rpcVersion)
    implements AppRecord {
  /** No PDU seen on that side. */
  static final int NONE = -1;

  /** One interface of a bind: its UUID, version ("major.minor") and the bind_ack's result. */
  record Iface(String uuid, String version, int result) {}

  @Override
  public String eventType() {
    return "dcerpc";
  }

  @Override
  public void writeFields(RecordWriter out) {
    if (requestType == NONE) {
      out.string("request", "REQUEST_LOST");
    } else {
      out.string("request", typeName(requestType));
      if (requestType == DcerpcPdu.REQUEST) {
        out.startObject("req");
        out.number("opnum", opnum);
        out.number("frag_cnt", requestFrags);
        out.number("stub_data_size", requestStub);
        out.endObject();
      } else if (requestType == DcerpcPdu.BIND && ifaces != null) {
        out.startArray("interfaces");
        for (Iface i : ifaces) {
          out.startObject(null);
          out.string("uuid", i.uuid());
          out.string("version", i.version());
          out.number("ack_result", i.result());
          out.endObject();
        }
        out.endArray();
      }
    }
    if (responseType == NONE) {
      out.string("response", "UNREPLIED");
    } else {
      out.string("response", typeName(responseType));
      if (responseType == DcerpcPdu.RESPONSE) {
        out.startObject("res");
        out.number("frag_cnt", responseFrags);
        out.number("stub_data_size", responseStub);
        out.endObject();
      }
    }
    if (activity != null) {
      out.string("activityuuid", activity);
      out.number("seqnum", seqnum);
    } else if (callId != null) {
      out.number("call_id", callId);
    }
    out.string("rpc_version", rpcVersion);
  }

  private static final List<String> TYPES =
      List.of(
          "REQUEST",
          "PING",
          "RESPONSE",
          "FAULT",
          "WORKING",
          "NOCALL",
          "REJECT",
          "ACK",
          "CL_CANCEL",
          "FACK",
          "CANCEL_ACK",
          "BIND",
          "BINDACK",
          "BINDNAK",
          "ALTER_CONTEXT",
          "ALTER_CONTEXT_RESP",
          "AUTH3",
          "SHUTDOWN",
          "CO_CANCEL",
          "ORPHANED",
          "RTS");

  /** Suricata's name of a PDU type (its number when it has none). */
  static String typeName(int type) {
    return type >= 0 && type < TYPES.size() ? TYPES.get(type) : Integer.toString(type);
  }

  /** A UUID's text from 16 wire bytes, its first three fields reversed as Suricata prints them. */
  static String uuid(byte[] w) {
    byte[] u = {
      w[3], w[2], w[1], w[0], w[5], w[4], w[7], w[6], w[8], w[9], w[10], w[11], w[12], w[13], w[14],
      w[15]
    };
    return text(u);
  }

  /** A UUID in RFC 4122 byte order as text. */
  static String text(byte[] u) {
    String h = java.util.HexFormat.of().formatHex(u);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20);
  }
}
