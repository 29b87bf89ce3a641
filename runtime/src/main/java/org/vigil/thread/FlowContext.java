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
  /**
   * A pass rule applied to the whole flow (as Suricata: an IP-only pass rule, or one matched in a
   * stream chunk or an app-layer unit): nothing of the flow is inspected any more.
   */
  boolean passed;
}
