package org.vigil.app.rdp;

import java.util.ArrayList;
import java.util.List;
import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;
import org.vigil.app.AppRecord;

/**
 * RDP on one TCP flow: feeds {@link RdpParser} and makes each message it completes a transaction
 * (numbered from 1), logged at once as Suricata 7 logs them (EVE {@code rdp}, addressed as the
 * packet whose processing parsed it). The transactions are never inspected by rules (Suricata has
 * no RDP keywords); a match on the flow's raw stream is attributed to the number of transactions
 * made before the packet, and carries the record of the transaction of that number (Suricata's
 * transaction lookup by its own numbering). Parsing ends on data that is no RDP or a gap; raw
 * inspection goes on.
 */
public final class RdpLayer implements AppLayer {
  private final AppControl control;
  private final boolean parse;
  private final RdpParser parser = new RdpParser();

  /** The transactions alerts may name (the first {@link #KEPT}). */
  private final List<RdpTransaction> transactions = new ArrayList<>();

  private long count;
  private boolean done;

  /** How many transactions are kept for the alerts naming them (a flood of requests is not). */
  static final int KEPT = 64;

  /**
   * The layer of a flow whose inspection {@code control} controls; {@code parse} false detects the
   * protocol only (nothing is parsed or logged).
   */
  public RdpLayer(AppControl control, boolean parse) {
    this.control = control;
    this.parse = parse;
    this.done = !parse;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (done) {
      return;
    }
    int r = parser.onData(toServer, buf, off, len);
    for (RdpMessage m : parser.made()) {
      RdpTransaction tx = new RdpTransaction(++count, m);
      if (transactions.size() < KEPT) {
        transactions.add(tx);
      }
      control.logTransaction(tx);
    }
    if ((r & RdpParser.ERROR) != 0) {
      done = true;
    }
  }

  @Override
  public void onGap(boolean toServer, long length) {
    parser.onGap();
    done = true;
  }

  @Override
  public void onClose(boolean toServer) {}

  @Override
  public String protocolName() {
    return "rdp";
  }

  /** The number of transactions made: every one is complete in both directions when made. */
  @Override
  public long inspectTransaction(boolean toServer) {
    return parse ? count : -1;
  }

  @Override
  public AppRecord transactionRecord(long txId) {
    return txId >= 1 && txId <= transactions.size()
        ? transactions.get((int) txId - 1).appRecord()
        : null;
  }
}
