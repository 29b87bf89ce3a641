package org.vigil.app.rfb;

import java.util.List;
import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;
import org.vigil.app.AppRecord;

/**
 * RFB (VNC) on one TCP flow: feeds {@link RfbParser}; the connection's transaction is logged (EVE
 * {@code rfb}) once complete, or once both directions ended, or at the flow's end, as Suricata 7
 * logs it; its parser events are logged as anomaly records on the packet whose data raised them.
 * Parsing ends on a protocol version that is none, or a gap; raw inspection goes on.
 */
public final class RfbLayer implements AppLayer {
  private final AppControl control;
  private final RfbParser parser = new RfbParser();
  private final boolean[] closed = new boolean[2];
  private boolean done;
  private boolean logged;

  /** The layer of a flow whose inspection {@code control} controls. */
  public RfbLayer(AppControl control) {
    this.control = control;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (done) {
      return;
    }
    int r = parser.onData(toServer, buf, off, len);
    RfbTransaction tx = parser.transaction();
    if (tx != null) {
      List<String> events = tx.takeEvents();
      if (!events.isEmpty()) {
        control.logEvents(tx, "rfb", events);
      }
      if (tx.complete) {
        log();
      }
    }
    if ((r & RfbParser.ERROR) != 0) {
      done = true;
    }
  }

  private void log() {
    RfbTransaction tx = parser.transaction();
    if (!logged && tx != null) {
      logged = true;
      control.logTransaction(tx);
    }
  }

  @Override
  public void onGap(boolean toServer, long length) {
    done = true;
  }

  @Override
  public void onClose(boolean toServer) {
    closed[toServer ? 0 : 1] = true;
    if (closed[0] && closed[1]) {
      log();
    }
  }

  @Override
  public void flowEnded() {
    log();
  }

  @Override
  public String protocolName() {
    return "rfb";
  }

  /** 1 once the transaction is complete, else 0. */
  @Override
  public long inspectTransaction(boolean toServer) {
    RfbTransaction tx = parser.transaction();
    return tx != null && tx.complete ? 1 : 0;
  }

  @Override
  public AppRecord transactionRecord(long txId) {
    RfbTransaction tx = parser.transaction();
    return txId == 0 && tx != null ? tx.appRecord() : null;
  }
}
