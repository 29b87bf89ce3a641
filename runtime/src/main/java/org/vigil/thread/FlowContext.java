package org.vigil.thread;

import org.vigil.detect.api.FlowBits;
import org.vigil.stream.TcpSession;

/** Per-flow state of the detection stages: flowbits, the TCP session and the app-layer parser. */
final class FlowContext {
  final FlowBits flowbits = new FlowBits();
  /** The TCP session, null for other protocols. */
  TcpSession tcp;
  /** True when the flow's current client sent the first packet the tracker saw. */
  boolean initiatorIsClient = true;
  /** The app-layer handler fed by the stream, null when none applies. */
  AppLayerHandler app;
  /** Set once the app layer stopped the flow's inspection (SSH once encrypted), else null. */
  InspectionCutoff cutoff;
  /** Set once the flow's app-layer protocol changed (FTP AUTH TLS), else null. */
  ProtocolChangeFlush protocolChange;
  /**
   * The app layer changed protocol and the new one is not detected yet (HTTP CONNECT answered 2xx):
   * as Suricata, every packet meanwhile flushes its raw data.
   */
  boolean protocolChangePending;
  /**
   * Per direction (client to server first), the completed transactions whose rules mixing http
   * buffers with raw payload still wait for the raw stream data of that direction (see
   * {@link TxStreamEngine}); null until the first one.
   */
  java.util.List<TxStreamEngine.PendingTx> pendingToServer;
  java.util.List<TxStreamEngine.PendingTx> pendingToClient;

  /** The waiting transactions of direction {@code toServer}, made on first use. */
  java.util.List<TxStreamEngine.PendingTx> pending(boolean toServer) {
    if (toServer) {
      if (pendingToServer == null) {
        pendingToServer = new java.util.ArrayList<>(2);
      }
      return pendingToServer;
    }
    if (pendingToClient == null) {
      pendingToClient = new java.util.ArrayList<>(2);
    }
    return pendingToClient;
  }

  /** True when transactions of direction {@code toServer} wait for raw stream data. */
  boolean hasPending(boolean toServer) {
    java.util.List<TxStreamEngine.PendingTx> l = toServer ? pendingToServer : pendingToClient;
    return l != null && !l.isEmpty();
  }
  /**
   * A pass rule applied to the whole flow (as Suricata: an IP-only pass rule, or one matched in a
   * stream chunk or an app-layer unit): nothing of the flow is inspected any more.
   */
  boolean passed;
}
