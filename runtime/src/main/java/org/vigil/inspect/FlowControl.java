package org.vigil.inspect;

import org.vigil.app.AppControl;
import org.vigil.app.AppTransaction;

/**
 * What the app layer of a flow may ask of it while a packet of it is processed, as Suricata's
 * parsers set flags on their flow: stop its inspection (SSH once encrypted), stop its payload
 * inspection (TLS once encrypted), change its protocol (FTP AUTH TLS, an HTTP CONNECT tunnel: the
 * raw data is flushed on pseudo packets), deepen its reassembly (SMB) or have its raw data of one
 * direction inspected on that direction's next packet (a completed HTTP message, a TLS record). The
 * {@link FlowInspector} carries the requests out; one instance per inspector, applying to the flow
 * it is processing.
 */
final class FlowControl implements AppControl {
  private final FlowInspector inspector;

  FlowControl(FlowInspector inspector) {
    this.inspector = inspector;
  }

  /** The TCP flow being processed, or null (none, not TCP, or its end when {@code notAtEnd}). */
  private FlowContext tcpFlow(boolean notAtEnd) {
    if (notAtEnd && inspector.atFlowEnd()) {
      return null;
    }
    FlowContext fc = inspector.currentFlow();
    return fc != null && fc.tcp != null ? fc : null;
  }

  /**
   * The app layer stopped the flow's inspection (SSH once encrypted, as Suricata's
   * APP_LAYER_PARSER_NO_INSPECTION): the raw data ACKed by the end of the current packet's tracking
   * is inspected on flush pseudo packets, then no payload or raw data of the flow is. Not at flow
   * end, where everything is inspected anyway.
   */
  @Override
  public void stopInspection() {
    FlowContext fc = tcpFlow(true);
    if (fc != null && fc.cutoff == null) {
      fc.cutoff = InspectionCutoff.noInspection();
    }
  }

  /**
   * The app layer stopped the flow's payload inspection (TLS once encrypted, as Suricata's
   * APP_LAYER_PARSER_NO_INSPECTION_PAYLOAD): the current packet is inspected as usual with the raw
   * data of its direction ACKed by now, whatever its size; from the next packet on no payload or
   * raw data of the flow is. Not at flow end, where everything is inspected anyway.
   */
  @Override
  public void stopPayloadInspection() {
    FlowContext fc = tcpFlow(true);
    if (fc != null && fc.cutoff == null) {
      fc.cutoff = InspectionCutoff.noPayloadInspection();
      fc.tcp.triggerRaw(true);
      fc.tcp.triggerRaw(false);
    }
  }

  /**
   * The app-layer protocol of the flow changed (FTP's AUTH TLS answered by 234), as Suricata's
   * flush at a protocol change: the raw data ACKed by the end of the current packet's tracking is
   * inspected on flush pseudo packets, then inspection goes on. Not at flow end.
   */
  @Override
  public void flushForProtocolChange() {
    FlowContext fc = tcpFlow(true);
    if (fc != null && (fc.protocolChange == null || fc.protocolChange.flushed())) {
      fc.protocolChange = new ProtocolChangeFlush();
    }
  }

  /**
   * The app layer changes the flow's protocol and the new one is detected later (an HTTP CONNECT
   * answered 2xx): as Suricata while a flow's protocol change is pending, this packet and each
   * later one until {@link #protocolChangeDone()} flush their raw data on pseudo packets ({@link
   * #flushForProtocolChange()}); inspection goes on afterwards.
   */
  @Override
  public void changeProtocol() {
    flushForProtocolChange();
    FlowContext fc = tcpFlow(true);
    if (fc != null) {
      fc.protocolChangePending = true;
    }
  }

  /** The pending protocol change of the flow completed (or was given up): no more flushes. */
  @Override
  public void protocolChangeDone() {
    FlowContext fc = inspector.currentFlow();
    if (fc != null) {
      fc.protocolChangePending = false;
    }
  }

  /**
   * The app layer asks for a deeper reassembly (0 = unlimited), as Suricata when it detects a
   * protocol whose parser sets a stream depth (SMB).
   */
  @Override
  public void raiseReassemblyDepth(long bytes) {
    FlowContext fc = tcpFlow(false);
    if (fc != null) {
      fc.tcp.raiseReassemblyDepth(bytes);
    }
  }

  /**
   * The app layer completed a unit in direction {@code toServer}: its ACKed stream data is
   * inspected raw on the direction's next packet, as Suricata's parsers trigger raw reassembly.
   */
  @Override
  public void triggerRawInspection(boolean toServer) {
    FlowContext fc = tcpFlow(false);
    if (fc != null) {
      fc.tcp.triggerRaw(toServer);
    }
  }

  /** Logs a completed transaction, attributed to the packet being processed. */
  @Override
  public void logTransaction(AppTransaction tx) {
    inspector.transactions().log(tx, inspector.current());
  }

  /** Logs a transaction's parser events (EVE anomaly, layer proto_parser) on the current packet. */
  @Override
  public void logEvents(AppTransaction tx, String appProto, java.util.List<String> events) {
    inspector.transactions().events(tx.id(), appProto, events, inspector.current());
  }

  /** Bytes of direction {@code toServer} of the TCP flow received in sequence, or -1. */
  @Override
  public long heldBytes(boolean toServer) {
    FlowContext fc = tcpFlow(true);
    return fc == null ? -1 : fc.tcp.receivedBytes(toServer);
  }

  /**
   * As Suricata 7 bounds what protocol detection holds: 100,000 bytes, or more when both the window
   * and the reassembly depth are larger; Suricata takes, for either direction, the window offered
   * for the client's data when the direction is the server's, and the other way round.
   */
  @Override
  public long holdLimit(boolean toServer) {
    FlowContext fc = tcpFlow(true);
    if (fc == null) {
      return Long.MAX_VALUE / 4;
    }
    long window = Math.max(0, fc.tcp.window(!toServer));
    return Math.max(100_000, Math.min(window, fc.tcp.configuredDepth()));
  }

  /** Logs a protocol detection event (EVE anomaly, layer proto_detect) on the current packet. */
  @Override
  public void detectionEvent(String appProto, String event) {
    inspector.transactions().detectionEvent(appProto, event, inspector.current());
  }

  /** The run's order as the inspector's thread sees it. */
  @Override
  public org.vigil.app.RunOrder runOrder() {
    return inspector.runOrder();
  }
}
