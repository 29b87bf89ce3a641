package org.vigil.inspect;

import org.vigil.app.AppLayers;
import org.vigil.decode.IpAddresses;
import org.vigil.decode.Packet;
import org.vigil.flow.Flow;
import org.vigil.stream.RawInspector;
import org.vigil.stream.StreamEngine;
import org.vigil.stream.TcpSession;

/**
 * Opens the TCP session of a flow's detection state on its first tracked packet: the packet's
 * sender is the client, the session's raw stream data goes to the inspector's raw inspection and,
 * when app layers are registered, its reassembled data to the flow's app layer once one is made.
 */
final class SessionStarter {
  private final StreamEngine streams;

  /** Raw stream inspection, shared by the sessions of the inspector. */
  private final RawInspector rawInspector;

  /** The protocols an app layer is made from; null: no app layer. */
  private final AppLayers appLayers;

  /** Makes the flows' app layers. */
  private final AppLayerStarter apps;

  SessionStarter(
      StreamEngine streams, RawInspector rawInspector, AppLayers appLayers, AppLayerStarter apps) {
    this.streams = streams;
    this.rawInspector = rawInspector;
    this.appLayers = appLayers;
    this.apps = apps;
  }

  /**
   * The TCP session of flow {@code f}, opened on packet {@code p} when {@code fc} has none yet;
   * null when the stream engine refuses a new session (stream.memcap reached).
   */
  TcpSession session(Flow f, FlowContext fc, Packet p) {
    return fc.tcp != null ? fc.tcp : start(f, fc, p);
  }

  /** The session of a flow's first TCP packet (once a flow: kept out of the per-packet path). */
  private TcpSession start(Flow f, FlowContext fc, Packet p) {
    byte[] src = IpAddresses.bytes(p.ipVersion(), p.srcHi(), p.srcLo());
    byte[] dst = IpAddresses.bytes(p.ipVersion(), p.dstHi(), p.dstLo());
    fc.initiatorIsClient = p.toServer();
    fc.tcp = streams.newSession(src, p.srcPort(), dst, p.dstPort());
    if (fc.tcp == null) {
      return null;
    }
    fc.tcp.setRawInspector(rawInspector);
    if (appLayers != null) {
      fc.awaitApp(f, apps);
      fc.tcp.setConsumer(fc);
    }
    return fc.tcp;
  }
}
