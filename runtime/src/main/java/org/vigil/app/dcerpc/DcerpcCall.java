package org.vigil.app.dcerpc;

import java.util.BitSet;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;
import org.vigil.app.RecordWriter;

/**
 * One DCE/RPC transaction as Suricata 7 makes them: a request PDU (each fragment its own) and the
 * response PDU of the same call id that follows it, or a response alone. It keeps the request's
 * context id, opnum and call state bytes, the stub data of each direction, and which rules alerted
 * on it in each direction.
 */
public final class DcerpcCall implements AppTransaction {
  private final long id;
  private final long callId;
  private final BitSet[] alerted = {new BitSet(), new BitSet()};
  private boolean requestSeen;
  private boolean responseSeen;
  private int opnum;
  private byte[] state;
  private byte[] requestStub = new byte[0];
  private byte[] responseStub = new byte[0];

  DcerpcCall(long id, long callId) {
    this.id = id;
    this.callId = callId;
  }

  void request(int opnum, byte[] state, byte[] stub) {
    this.requestSeen = true;
    this.opnum = opnum;
    this.state = state;
    this.requestStub = stub;
  }

  void response(byte[] stub) {
    this.responseSeen = true;
    this.responseStub = stub;
  }

  /**
   * A connectionless fragment: a request's ({@code request}) or a response's body extends that
   * side's stub data; the request side keeps {@code opnum} and {@code state}.
   */
  void fragment(boolean request, int opnum, byte[] state, byte[] b, int off, int len) {
    if (request) {
      this.requestSeen = true;
      this.opnum = opnum;
      this.state = state;
      this.requestStub = concat(requestStub, b, off, len);
    } else {
      this.responseSeen = true;
      this.responseStub = concat(responseStub, b, off, len);
      if (this.state == null) {
        this.state = state; // the byte order of a call whose request was not seen
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b, int off, int len) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + len);
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
    return new Record(requestSeen, responseSeen, opnum, callId, requestStub.length);
  }

  @Override
  public boolean firstAlert(int rule) {
    return firstAlert(true, rule);
  }

  /** True the first time rule {@code rule} alerts on this call in direction {@code toServer}. */
  public boolean firstAlert(boolean toServer, int rule) {
    BitSet b = alerted[toServer ? 0 : 1];
    if (b.get(rule)) {
      return false;
    }
    b.set(rule);
    return true;
  }

  /** The EVE dcerpc object of a call: request type, opnum, stub size, response, call id. */
  private record Record(
      boolean requestSeen, boolean responseSeen, int opnum, long callId, int stubSize)
      implements AppRecord {
    @Override
    public String eventType() {
      return "dcerpc";
    }

    @Override
    public void writeFields(RecordWriter out) {
      out.string("request", requestSeen ? "REQUEST" : "UNREPLIED");
      if (requestSeen) {
        out.startObject("req");
        out.number("opnum", opnum);
        out.number("frag_cnt", 1);
        out.number("stub_data_size", stubSize);
        out.endObject();
      }
      out.string("response", responseSeen ? "RESPONSE" : "UNREPLIED");
      out.number("call_id", callId);
      out.string("rpc_version", "5.0");
    }
  }
}
