package org.vigil.app.rdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The start of an RDP connection as Suricata 7's RDP parser follows it, fed each direction's
 * in-order bytes. Every message travels in a TPKT ({@link Tpkt}); the client's connection request
 * and MCS connect-initial and the server's connection confirm and MCS connect-response become
 * messages. Bytes of either direction that are no TPKT but start a TLS handshake record switch the
 * connection to TLS ({@link RdpTls}): from then on both directions are read as TLS records, and
 * each Certificate message the server sends becomes a message. After the server's connect-response
 * or certificate nothing more is parsed; bytes that are neither TPKT nor TLS end the parsing (an
 * error). A message cut by the end of the data waits for the direction's next bytes; one that can
 * never complete stalls its direction.
 */
final class RdpParser {
  /** Result bit: the data is not RDP (or TLS after it); the connection's parsing ends. */
  static final int ERROR = 1;

  private static final int TLS_HANDSHAKE = 0x16;

  /** Per direction (client to server first): bytes held for the direction's next data. */
  private final byte[][] held = new byte[2][];

  private final int[] heldLen = new int[2];
  private final boolean[] stalled = new boolean[2];
  private boolean tls;
  private boolean bypass;
  private boolean failed;
  private final List<RdpMessage> made = new ArrayList<>();

  /**
   * Parses {@code len} new bytes of direction {@code toServer}; the messages they complete are then
   * {@link #made()}. Returns {@link #ERROR} when the parsing ends in error, else 0.
   */
  int onData(boolean toServer, byte[] b, int off, int len) {
    made.clear();
    int d = toServer ? 0 : 1;
    if (failed || bypass || stalled[d] || len <= 0) {
      return 0;
    }
    byte[] in = b;
    int start = off;
    int end = off + len;
    if (heldLen[d] > 0) {
      in = new byte[heldLen[d] + len];
      System.arraycopy(held[d], 0, in, 0, heldLen[d]);
      System.arraycopy(b, off, in, heldLen[d], len);
      start = 0;
      end = in.length;
      heldLen[d] = 0;
      held[d] = null;
    }
    RdpReader r = new RdpReader(in, start, end);
    while (r.left() > 0) {
      int at = r.pos();
      try {
        if (tls) {
          List<List<String>> chains = RdpTls.record(r);
          if (!toServer) {
            for (List<String> c : chains) {
              made.add(new RdpMessage.CertificateChain(List.copyOf(c)));
              bypass = true; // the records after it in this data are still read
            }
          }
          continue;
        }
        RdpMessage m = Tpkt.parse(r);
        if (m != null && accepts(toServer, m)) {
          made.add(m);
          if (m instanceof RdpMessage.ConnectResponse) {
            bypass = true;
            return 0;
          }
        }
      } catch (RdpReader.Incomplete e) {
        hold(d, in, at, end);
        return 0;
      } catch (RdpReader.Stalled e) {
        stalled[d] = true;
        return 0;
      } catch (RdpReader.Invalid e) {
        if (!tls && (in[at] & 0xFF) == TLS_HANDSHAKE) {
          tls = true;
          r.seek(at);
          continue;
        }
        failed = true;
        return ERROR;
      }
    }
    return 0;
  }

  /** The client's messages are requests, the server's responses. */
  private static boolean accepts(boolean toServer, RdpMessage m) {
    return switch (m) {
      case RdpMessage.ConnectionRequest c -> toServer;
      case RdpMessage.ConnectRequest c -> toServer;
      case RdpMessage.ConnectionConfirm c -> !toServer;
      case RdpMessage.ConnectResponse c -> !toServer;
      case RdpMessage.CertificateChain c -> !toServer;
    };
  }

  private void hold(int d, byte[] in, int from, int end) {
    held[d] = java.util.Arrays.copyOfRange(in, from, end);
    heldLen[d] = end - from;
  }

  /** The messages the last {@link #onData} call completed, in order. */
  List<RdpMessage> made() {
    return made;
  }

  /** True once the data proved not to be RDP: nothing more is parsed. */
  boolean failed() {
    return failed;
  }

  /** A gap in either direction ends the parsing, as Suricata's RDP parser accepts no gaps. */
  void onGap() {
    failed = true;
  }
}
