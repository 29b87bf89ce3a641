package org.vigil.app.dcerpc;

import java.util.Arrays;
import java.util.List;
import org.vigil.app.AlertedRules;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;

/**
 * One DCE/RPC transaction as Suricata 7 makes them: a request PDU (each fragment its own) and the
 * response PDU of the same call id that follows it, or a response alone; a bind or alter_context
 * and its ack (logged only); over UDP, the fragments of one call. It keeps the request's opnum and
 * call state bytes, the stub data of each direction, what its EVE record shows ({@link
 * DcerpcRecord}), and which rules alerted on it in each direction.
 */
public final class DcerpcCall implements AppTransaction {
  private final long id;
  private final long callId;
  private final AlertedRules[] alerted = {new AlertedRules(), new AlertedRules()};
  private boolean requestSeen;
  private boolean responseSeen;
  private int opnum;
  private byte[] state;
  private byte[] requestStub = new byte[0];
  private byte[] responseStub = new byte[0];
  private int requestType = DcerpcRecord.NONE;
  private int responseType = DcerpcRecord.NONE;
  private int requestFrags;
  private int responseFrags;
  private List<DcerpcRecord.Iface> ifaces;
  private String rpcVersion = "5.0";
  private String activity;
  private boolean logged;

  DcerpcCall(long id, long callId) {
    this.id = id;
    this.callId = callId;
  }

  void request(int opnum, byte[] state, byte[] stub) {
    this.requestSeen = true;
    this.requestType = DcerpcPdu.REQUEST;
    this.requestFrags = 1;
    this.opnum = opnum;
    this.state = state;
    this.requestStub = stub;
  }

  void response(byte[] stub) {
    this.responseSeen = true;
    this.responseType = DcerpcPdu.RESPONSE;
    this.responseFrags = 1;
    this.responseStub = stub;
  }

  /** A bind or alter_context ({@code type}); a bind lists its proposed {@code ifaces}. */
  void bind(int type, List<DcerpcRecord.Iface> ifaces) {
    this.requestType = type;
    this.ifaces = ifaces;
  }

  /** The bind's ack ({@code type}), with the results it gave the proposed interfaces. */
  void bindAck(int type, List<DcerpcRecord.Iface> ifaces) {
    this.responseType = type;
    if (this.ifaces != null) {
      this.ifaces = ifaces;
    }
  }

  /** The RPC version of the connection's PDU last read ("5.0", "5.1"; "4.0" over UDP). */
  void rpcVersion(String v) {
    this.rpcVersion = v;
  }

  /** Over UDP: the call's activity UUID (text) and sequence number (the call id). */
  void activity(String uuid) {
    this.activity = uuid;
    this.rpcVersion = "4.0";
  }

  /**
   * A connectionless fragment: a request's ({@code request}) or a response's body extends that
   * side's stub data; the request side keeps {@code state}. Suricata does not keep the opnum of a
   * call over UDP: its record shows 0.
   */
  void fragment(boolean request, byte[] state, byte[] b, int off, int len) {
    if (request) {
      this.requestSeen = true;
      this.requestType = DcerpcPdu.REQUEST;
      this.requestFrags++;
      this.state = state;
      this.requestStub = concat(requestStub, b, off, len);
    } else {
      this.responseSeen = true;
      this.responseType = DcerpcPdu.RESPONSE;
      this.responseFrags++;
      this.responseStub = concat(responseStub, b, off, len);
      if (this.state == null) {
        this.state = state; // the byte order of a call whose request was not seen
      }
    }
  }

  /** Marks the call logged; true the first time. */
  boolean markLogged() {
    boolean first = !logged;
    logged = true;
    return first;
  }

  /** True when {@code side}'s (request: true) PDU type was seen. */
  boolean done(boolean request) {
    return (request ? requestType : responseType) != DcerpcRecord.NONE;
  }

  private static byte[] concat(byte[] a, byte[] b, int off, int len) {
    byte[] r = Arrays.copyOf(a, a.length + len);
    System.arraycopy(b, off, r, a.length, len);
    return r;
  }

  long callId() {
    return callId;
  }

  boolean requestSeen() {
    return requestSeen;
  }

  boolean responseSeen() {
    return responseSeen;
  }

  /** The call state bytes ({@code org.vigil.detect.api.DceState}), or null without a request. */
  public byte[] state() {
    return state;
  }

  /** The stub data of direction {@code toServer} (request stub to the server). */
  public byte[] stub(boolean toServer) {
    return toServer ? requestStub : responseStub;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public AppRecord appRecord() {
    return new DcerpcRecord(
        requestType,
        activity != null ? 0 : opnum,
        requestFrags,
        requestStub.length,
        responseType,
        responseFrags,
        responseStub.length,
        ifaces,
        activity != null ? null : callId,
        activity,
        callId,
        rpcVersion);
  }

  @Override
  public boolean firstAlert(int rule) {
    return firstAlert(true, rule);
  }

  /** True the first time rule {@code rule} alerts on this call in direction {@code toServer}. */
  public boolean firstAlert(boolean toServer, int rule) {
    return alerted[toServer ? 0 : 1].first(rule);
  }
}
