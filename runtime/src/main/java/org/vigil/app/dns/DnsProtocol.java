package org.vigil.app.dns;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;

/**
 * DNS as a registered app-layer protocol, detected as Suricata 7's default configuration does: on
 * server port 53 (its detection ports), a first message whose header and questions parse; over UDP
 * a datagram, over TCP a 2-byte length then the message.
 */
public final class DnsProtocol implements AppProtocol {
  /** The server port DNS is detected on. */
  public static final int PORT = 53;

  @Override
  public String name() {
    return "dns";
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  public int probeBytes() {
    return 2 + 512;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    if (serverPort != PORT) {
      return NO_MATCH;
    }
    if (len < 2 + DnsParser.HEADER) {
      return NEED_MORE;
    }
    int msgLen = DnsParser.u16(b, off);
    if (msgLen < DnsParser.HEADER) {
      return NO_MATCH;
    }
    if (len - 2 < msgLen) {
      // the probe window may end before the message: judge the header's plausibility alone
      return len >= probeBytes() ? headerOnly(b, off + 2) : NEED_MORE;
    }
    return DnsParser.plausible(b, off + 2, msgLen) ? MATCH : NO_MATCH;
  }

  private static int headerOnly(byte[] b, int p) {
    int flags = DnsParser.u16(b, p + 2);
    int qd = DnsParser.u16(b, p + 4);
    return ((flags >> 11) & 0xF) <= 5 && (flags & 0x40) == 0 && qd > 0 ? MATCH : NO_MATCH;
  }

  @Override
  public int probeDatagram(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return serverPort == PORT && DnsParser.plausible(b, off, len) ? MATCH : NO_MATCH;
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    return new DnsLayer(context.control(), false);
  }

  @Override
  public AppLayer newDatagramLayer(AppContext context) {
    return new DnsLayer(context.control(), true);
  }
}
