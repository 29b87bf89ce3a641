package org.vigil.inspect;

import org.vigil.app.AppLayer;
import org.vigil.app.AppLayers;
import org.vigil.app.UnitPrefilter;
import org.vigil.decode.IpAddresses;
import org.vigil.decode.Packet;
import org.vigil.flow.Flow;

/**
 * Makes a flow's app layer from the registered protocols: a TCP flow's when its stream first has
 * data (for the server and client its context recorded), a UDP flow's with its first packet, whose
 * payloads it then feeds as datagrams.
 */
final class AppLayerStarter {
  private final AppLayers appLayers;
  private final FlowControl control;

  /** The detection side an HTTP admission consults: the prefilter's candidates in the unit. */
  private final UnitPrefilter prefilter;

  AppLayerStarter(AppLayers appLayers, FlowControl control, UnitPrefilter prefilter) {
    this.appLayers = appLayers;
    this.control = control;
    this.prefilter = prefilter;
  }

  /** The app layer of a TCP flow, for the server its context recorded; null if none applies. */
  AppLayer newTcpApp(FlowContext fc) {
    return appLayers.newFlow(
        IpAddresses.bytes(fc.serverIpVersion, fc.clientHi, fc.clientLo),
        IpAddresses.bytes(fc.serverIpVersion, fc.serverHi, fc.serverLo),
        fc.serverPort,
        control,
        prefilter);
  }

  /**
   * Hands a UDP packet's payload to its flow's app layer as one datagram (the layer made with the
   * flow's first packet).
   */
  void datagram(Flow f, FlowContext fc, Packet p) {
    if (fc.app == null) {
      fc.app =
          appLayers.newDatagramFlow(
              IpAddresses.bytes(f.ipVersion(), f.serverHi(), f.serverLo()),
              f.serverPort(),
              control,
              prefilter);
    }
    if (fc.app != null && p.payloadLength() > 0) {
      fc.app.onData(p.toServer(), p.data(), p.payloadOffset(), p.payloadLength());
    }
  }
}
