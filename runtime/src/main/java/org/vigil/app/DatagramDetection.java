package org.vigil.app;

import java.util.List;

/**
 * The app layer of a UDP flow while its protocol is unknown: each datagram (one {@link #onData}
 * call) is offered to every registered protocol's {@link AppProtocol#probeDatagram} in order; the
 * first that claims one gets the flow, that datagram included. After {@link #MAX_PROBED} datagrams
 * per direction that none claims, detection gives up for that direction (as Suricata stops probing
 * a UDP flow), and once both directions gave up the flow has no app layer.
 */
final class DatagramDetection implements AppLayer {
  /** Datagrams of one direction probed before giving up on it. */
  static final int MAX_PROBED = 2;

  private final List<AppProtocol> protocols;
  private final AppContext context;
  private final int[] probed = new int[2];
  private AppLayer chosen;
  private String chosenName;

  DatagramDetection(List<AppProtocol> protocols, AppContext context) {
    this.protocols = protocols;
    this.context = context;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (chosen == null) {
      int d = toServer ? 0 : 1;
      if (probed[d] >= MAX_PROBED || len <= 0) {
        return;
      }
      probed[d]++;
      for (AppProtocol p : protocols) {
        if (p.probeDatagram(toServer, buf, off, len, context.serverPort()) == AppProtocol.MATCH) {
          chosen = p.newDatagramLayer(context);
          chosenName = p.name();
          break;
        }
      }
      if (chosen == null) {
        return;
      }
    }
    chosen.onData(toServer, buf, off, len);
  }

  @Override
  public void onGap(boolean toServer, long length) {}

  @Override
  public void onClose(boolean toServer) {
    if (chosen != null) {
      chosen.onClose(toServer);
    }
  }

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    if (chosen != null) {
      chosen.units(toServer, flowEnd, out);
    }
  }

  @Override
  public String protocolName() {
    if (chosen == null) {
      return null;
    }
    String p = chosen.protocolName();
    return p != null ? p : chosenName;
  }

  @Override
  public void free() {
    if (chosen != null) {
      chosen.free();
    }
  }

  /** The protocol layer that claimed the flow, else null (for tests). */
  AppLayer chosen() {
    return chosen;
  }
}
