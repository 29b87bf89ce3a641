package org.vigil.app.tls;

import java.util.BitSet;
import org.vigil.app.AppTransaction;

/**
 * The one transaction of a TLS connection (as Suricata's): a rule alerts on it at most once per
 * direction (Suricata keeps a detection state per direction); its record is the connection's {@link
 * TlsSession}.
 */
public final class TlsTransaction implements AppTransaction {
  private final TlsSession session;
  private final BitSet[] alerted = {new BitSet(), new BitSet()};

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

  /** The EVE tls record of the handshake facts so far. */
  @Override
  public TlsRecord appRecord() {
    return new TlsRecord(session);
  }

  /** True the first time rule {@code rule} alerts on this transaction in the client's direction. */
  @Override
  public boolean firstAlert(int rule) {
    return firstAlert(true, rule);
  }

  /**
   * True the first time rule {@code rule} alerts on this transaction in direction {@code toServer}.
   */
  public boolean firstAlert(boolean toServer, int rule) {
    BitSet b = alerted[toServer ? 0 : 1];
    if (b.get(rule)) {
      return false;
    }
    b.set(rule);
    return true;
  }
}
