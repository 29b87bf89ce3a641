package org.vigil.app.tls;

import java.util.BitSet;
import org.vigil.app.AppTransaction;

/**
 * The one transaction of a TLS connection (as Suricata's): a rule alerts once on it; its record is
 * the connection's {@link TlsSession}.
 */
public final class TlsTransaction implements AppTransaction {
  private final TlsSession session;
  private BitSet alerted;

  TlsTransaction(TlsSession session) {
    this.session = session;
  }

  @Override
  public long id() {
    return 0;
  }

  /** The connection's handshake facts. */
  public TlsSession session() {
    return session;
  }

  /** The handshake facts ({@link TlsSession}). */
  @Override
  public Object eveRecord() {
    return session;
  }

  @Override
  public boolean firstAlert(int rule) {
    if (alerted == null) {
      alerted = new BitSet();
    }
    if (alerted.get(rule)) {
      return false;
    }
    alerted.set(rule);
    return true;
  }
}
