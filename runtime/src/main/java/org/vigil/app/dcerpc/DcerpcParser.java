package org.vigil.app.dcerpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Connection-oriented DCE/RPC on one byte stream per direction, with Suricata 7's decisions: PDUs
 * are framed by their fragment length and parsed once whole; binds, alter_contexts and their acks
 * keep the {@link DcerpcBinding}; each request PDU opens a {@link DcerpcCall} (its stub data is the
 * fragment's bytes after the 8-byte request header), and a response PDU completes the oldest call
 * of its call id still waiting for one (its stub data is everything after the common header) or
 * opens one of its own (over SMB: everything after the 8-byte response header). A header that is
 * not version 5.0/5.1, a PDU type Suricata does not parse, a PDU too short for its fields, or a gap
 * ends the parsing. Used by the TCP layer and by SMB named pipes.
 */
public final class DcerpcParser {
  /** Result bit: a PDU completed in the data just fed. */
  public static final int PDU_END = 1;

  /** Result bit: the parsing ended (now or before). */
  public static final int ERROR = 2;

  /** Calls kept waiting for their response at most (the oldest is dropped). */
  private static final int MAX_OPEN_CALLS = 256;

  /** A call that has a unit ready in direction {@code toServer}. */
  public record Ready(boolean toServer, DcerpcCall call) {}

  private final byte[][] buf = {new byte[64], new byte[64]};
  private final int[] filled = new int[2];
  private final DcerpcBinding binding = new DcerpcBinding();
  private final Deque<DcerpcCall> open = new ArrayDeque<>();
  private final List<Ready> ready = new ArrayList<>();

  /** Calls complete since the last {@link #takeCompleted} (kept over TCP only, for the log). */
  private final List<DcerpcCall> completed = new ArrayList<>();

  /** Binds and alter_contexts waiting for their ack (over TCP only, for the log). */
  private final Deque<DcerpcCall> binds = new ArrayDeque<>();

  private long nextTx;
  private boolean failed;

  /**
   * DCE/RPC over SMB: a response's stub data starts after its 8-byte response header, PDU types not
   * parsed are passed over, and the call state has no byte order.
   */
  private final boolean overSmb;

  /** A parser of DCE/RPC over TCP. */
  public DcerpcParser() {
    this(false);
  }

  /**
   * A parser of DCE/RPC over SMB named pipes when {@code overSmb} (as Suricata's SMB parser reads a
   * pipe, see {@link #overSmb}), else over TCP (as its DCE/RPC parser reads a connection).
   */
  public DcerpcParser(boolean overSmb) {
    this.overSmb = overSmb;
  }

  /** Feeds {@code len} bytes of direction {@code toServer}; returns the result bits. */
  public int onData(boolean toServer, byte[] b, int off, int len) {
    if (failed) {
      return ERROR;
    }
    int d = toServer ? 0 : 1;
    int r = 0;
    int p = off;
    int end = off + len;
    while (true) {
      if (filled[d] >= DcerpcPdu.HEADER) {
        byte[] h = buf[d];
        int frag = DcerpcPdu.fragLength(h, 0);
        if (!DcerpcPdu.validVersion(h, 0) || frag < DcerpcPdu.HEADER) {
          failed = true;
          return r | ERROR;
        }
        if (filled[d] == frag) {
          filled[d] = 0;
          if (!pdu(toServer, h, frag)) {
            failed = true;
            return r | ERROR;
          }
          r |= PDU_END;
          continue;
        }
        if (p >= end) {
          return r;
        }
        int take = Math.min(end - p, frag - filled[d]);
        append(d, b, p, take);
        p += take;
        continue;
      }
      if (p >= end) {
        return r;
      }
      int take = Math.min(end - p, DcerpcPdu.HEADER - filled[d]);
      append(d, b, p, take);
      p += take;
    }
  }

  private void append(int d, byte[] b, int off, int n) {
    if (filled[d] + n > buf[d].length) {
      buf[d] = Arrays.copyOf(buf[d], Math.max(filled[d] + n, buf[d].length * 2));
    }
    System.arraycopy(b, off, buf[d], filled[d], n);
    filled[d] += n;
  }

  /** A gap in direction {@code toServer}: the parsing ends. */
  public void onGap(boolean toServer) {
    failed = true;
  }

  /** True once the parsing ended. */
  public boolean failed() {
    return failed;
  }

  /** The calls with a unit ready since the last call, in order; the list is then emptied. */
  public List<Ready> takeReady() {
    if (ready.isEmpty()) {
      return List.of();
    }
    List<Ready> r = List.copyOf(ready);
    ready.clear();
    return r;
  }

  /** The calls complete since the last call (over TCP), in order; the list is then emptied. */
  public List<DcerpcCall> takeCompleted() {
    if (completed.isEmpty()) {
      return List.of();
    }
    List<DcerpcCall> r = List.copyOf(completed);
    completed.clear();
    return r;
  }

  /** The calls still waiting for their response or ack (over TCP), oldest first. */
  public List<DcerpcCall> openCalls() {
    List<DcerpcCall> r = new ArrayList<>(binds);
    r.addAll(open);
    r.sort(java.util.Comparator.comparingLong(DcerpcCall::id));
    return r;
  }

  private boolean pdu(boolean toServer, byte[] b, int len) {
    version = "5." + b[1];
    return switch (DcerpcPdu.type(b, 0)) {
      case DcerpcPdu.BIND, DcerpcPdu.ALTER_CONTEXT -> binding.bind(b, 0, len) && logBind(b);
      case DcerpcPdu.BIND_ACK, DcerpcPdu.ALTER_CONTEXT_RESP ->
          binding.bindAck(b, 0, len) && logBindAck(b);
      case DcerpcPdu.REQUEST -> request(b, len);
      case DcerpcPdu.RESPONSE -> response(b, len);
      // Suricata's SMB parser passes over other types (AUTH3, faults); its TCP parser stops
      default -> overSmb;
    };
  }

  /** The RPC version of the PDU last read. */
  private String version = "5.0";

  private boolean logBind(byte[] b) {
    if (!overSmb) {
      int type = DcerpcPdu.type(b, 0);
      DcerpcCall call = new DcerpcCall(nextTx++, DcerpcPdu.callId(b, 0));
      call.bind(type, type == DcerpcPdu.BIND ? ifaces() : null);
      binds.addLast(call);
      if (binds.size() > MAX_OPEN_CALLS) {
        binds.removeFirst();
      }
    }
    return true;
  }

  private boolean logBindAck(byte[] b) {
    if (!overSmb && !binds.isEmpty()) {
      DcerpcCall call = binds.removeLast();
      call.bindAck(DcerpcPdu.type(b, 0), ifaces());
      call.rpcVersion(version);
      completed.add(call);
    }
    return true;
  }

  /** The interfaces the last bind proposed, with the results of its ack. */
  private List<DcerpcRecord.Iface> ifaces() {
    List<DcerpcRecord.Iface> l = new ArrayList<>();
    List<DcerpcBinding.Context> p = binding.proposed();
    for (int i = 0; i < p.size(); i++) {
      DcerpcBinding.Context c = p.get(i);
      l.add(
          new DcerpcRecord.Iface(
              DcerpcRecord.text(c.uuid()), c.version() + "." + c.minor(), binding.result(i)));
    }
    return l;
  }

  private boolean request(byte[] b, int len) {
    int p = DcerpcPdu.HEADER;
    if (p + 8 > len) {
      return false;
    }
    boolean little = DcerpcPdu.little(b, 0);
    int ctxId = DcerpcPdu.u16(b, p + 4, little);
    int opnum = DcerpcPdu.u16(b, p + 6, little);
    DcerpcCall call = new DcerpcCall(nextTx++, DcerpcPdu.callId(b, 0));
    call.request(opnum, state(ctxId, opnum, little), Arrays.copyOfRange(b, p + 8, len));
    open.addLast(call);
    if (open.size() > MAX_OPEN_CALLS) {
      open.removeFirst();
    }
    // Suricata inspects a transaction in both directions: the request's call is a unit to the
    // client too (its response stub still empty), seen with the next packet to the client
    ready.add(new Ready(true, call));
    ready.add(new Ready(false, call));
    return true;
  }

  private boolean response(byte[] b, int len) {
    long callId = DcerpcPdu.callId(b, 0);
    DcerpcCall call = null;
    for (DcerpcCall c : open) {
      if (c.callId() == callId && !c.responseSeen()) {
        call = c;
        break;
      }
    }
    if (call == null) {
      call = new DcerpcCall(nextTx++, callId);
    } else {
      open.remove(call);
    }
    int from = DcerpcPdu.HEADER + (overSmb ? 8 : 0);
    call.response(Arrays.copyOfRange(b, Math.min(from, len), len));
    ready.add(new Ready(false, call));
    if (!overSmb) {
      call.rpcVersion(version);
      completed.add(call);
    }
    return true;
  }

  /**
   * The call state bytes of a request on context {@code ctxId} ({@link DceStateBytes}'s layout).
   */
  private byte[] state(int ctxId, int opnum, boolean little) {
    byte[] s = new byte[DceStateBytes.LENGTH];
    DcerpcBinding.Context c = binding.accepted(ctxId);
    // Suricata's SMB parser does not pass the data representation on: dce reads big endian there
    int flags = little && !overSmb ? DceStateBytes.LITTLE_ENDIAN : 0;
    if (c != null) {
      System.arraycopy(c.uuid(), 0, s, DceStateBytes.UUID, 16);
      s[DceStateBytes.VERSION] = (byte) (c.version() >> 8);
      s[DceStateBytes.VERSION + 1] = (byte) c.version();
      flags |= DceStateBytes.IFACE_ACCEPTED | (c.firstFrag() ? DceStateBytes.FIRST_FRAG : 0);
    }
    s[DceStateBytes.FLAGS] = (byte) flags;
    s[DceStateBytes.OPNUM] = (byte) (opnum >> 8);
    s[DceStateBytes.OPNUM + 1] = (byte) opnum;
    return s;
  }
}
