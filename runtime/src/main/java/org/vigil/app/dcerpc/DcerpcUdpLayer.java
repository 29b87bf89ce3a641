package org.vigil.app.dcerpc;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;
import org.vigil.app.UnitSink;

/**
 * Connectionless DCE/RPC (over UDP) on one flow, with Suricata 7's decisions: each datagram is one
 * PDU, an 80-byte header (version 4; its multi-byte fields little endian unless the first data
 * representation byte is 0) and a body of its fragment length. A request or response fragment joins
 * the open call of the same activity and sequence number whose side is not done yet, else opens
 * one; its body extends that side's stub data, and a fragment that is not flagged as one or is the
 * last fragment completes its side. Each fragment makes the call a unit of both directions. The
 * call state carries only the byte order: Suricata 7 matches neither dce_iface nor dce_opnum over
 * UDP. A datagram too short for its header or body, of another version or of another PDU type is
 * passed over (the next is parsed). A call is logged once both its sides are done; after a datagram
 * that did not parse, as Suricata after a parse error, every call is logged as soon as it is
 * touched (those open then at once); the others at flow end.
 */
public final class DcerpcUdpLayer implements AppLayer {
  /** Bytes of the connectionless header. */
  static final int HEADER = 80;

  /** Calls kept open at most (the oldest is dropped). */
  private static final int MAX_OPEN_CALLS = 256;

  private static final int REQUEST = 0;
  private static final int RESPONSE = 2;
  private static final int FLAG_LAST_FRAG = 0x02;
  private static final int FLAG_FRAG = 0x04;

  /** One call being assembled. */
  private record Open(DcerpcCall call, byte[] activity, long seq, boolean[] done) {}

  private final ArrayDeque<Open> open = new ArrayDeque<>();
  private final DcerpcUnits units = new DcerpcUnits();
  private final AppControl control;
  private long nextTx;

  /** A datagram did not parse: calls are logged whatever their state. */
  private boolean eof;

  /** The layer of one UDP flow, logging its calls through {@code control}. */
  public DcerpcUdpLayer(AppControl control) {
    this.control = control;
  }

  /**
   * Classifies a datagram as Suricata 7 detects DCE/RPC over UDP on any port: a request to the
   * server (its pattern is the first two bytes 04 00) whose header has valid flags and data
   * representation.
   */
  public static boolean detects(boolean toServer, byte[] b, int off, int len) {
    return toServer
        && len >= HEADER
        && b[off] == 4
        && b[off + 1] == REQUEST
        && (b[off + 3] & 0xfc) == 0
        && (b[off + 4] & 0xee) == 0
        && (b[off + 5] & 0xff) <= 3;
  }

  @Override
  public void onData(boolean toServer, byte[] b, int off, int len) {
    int type = len < HEADER ? -1 : b[off + 1] & 0xff;
    if (len < HEADER || b[off] != 4 || type != REQUEST && type != RESPONSE) {
      parseError();
      return;
    }
    int flags = b[off + 2] & 0xff;
    boolean little = b[off + 4] != 0;
    long seq = DcerpcPdu.u32(b, off + 64, little);
    int fragLen = DcerpcPdu.u16(b, off + 74, little);
    if (len - HEADER < fragLen) {
      parseError();
      return;
    }
    byte[] activity = Arrays.copyOfRange(b, off + 40, off + 56);
    boolean request = type == REQUEST;
    Open o = find(activity, seq, request);
    if (o == null) {
      o = new Open(new DcerpcCall(nextTx++, seq), activity, seq, new boolean[2]);
      o.call().activity(DcerpcRecord.uuid(activity));
      open.addLast(o);
      if (open.size() > MAX_OPEN_CALLS) {
        open.removeFirst();
      }
    }
    o.call().fragment(request, state(b[off + 4]), b, off + HEADER, fragLen);
    if ((flags & FLAG_FRAG) == 0 || (flags & FLAG_LAST_FRAG) != 0) {
      o.done()[request ? 0 : 1] = true;
    }
    units.add(true, o.call());
    units.add(false, o.call());
    if (eof || o.done()[0] && o.done()[1]) {
      log(o);
    }
  }

  private void parseError() {
    eof = true;
    logAll();
  }

  private void log(Open o) {
    if (o.call().markLogged()) {
      control.logTransaction(o.call());
    }
  }

  private void logAll() {
    for (Open o : open) {
      log(o);
    }
  }

  private Open find(byte[] activity, long seq, boolean request) {
    for (Open o : open) {
      if (o.seq() == seq && Arrays.equals(o.activity(), activity) && !o.done()[request ? 0 : 1]) {
        return o;
      }
    }
    return null;
  }

  /** The call state: only the flags byte, little endian when the representation says so. */
  private static byte[] state(byte drep0) {
    byte[] s = new byte[DceStateBytes.FLAGS + 1];
    s[DceStateBytes.FLAGS] = (byte) ((drep0 & 0x10) != 0 ? DceStateBytes.LITTLE_ENDIAN : 0);
    return s;
  }

  @Override
  public void onGap(boolean toServer, long length) {}

  @Override
  public void onClose(boolean toServer) {}

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    units.report(toServer, flowEnd, out);
    if (flowEnd) {
      logAll();
    }
  }

  @Override
  public String protocolName() {
    return DcerpcLayer.NAME;
  }
}
