package org.vigil.app.rdp;

import org.vigil.app.AlertedRules;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;

/**
 * One message of an RDP connection's start, a transaction of its own as in Suricata 7 (complete as
 * soon as it is parsed): numbered from 1 in the order the connection's messages were parsed.
 */
final class RdpTransaction implements AppTransaction {
  private final long id;
  private final RdpMessage message;
  private final AlertedRules alerted = new AlertedRules();

  RdpTransaction(long id, RdpMessage message) {
    this.id = id;
    this.message = message;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public AppRecord appRecord() {
    return new RdpRecord(id, message);
  }

  @Override
  public boolean firstAlert(int rule) {
    return alerted.first(rule);
  }
}
