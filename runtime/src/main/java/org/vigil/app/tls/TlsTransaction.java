package org.vigil.app.tls;

import org.vigil.app.AlertedRules;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;

/**
 * The one transaction of a TLS connection (as Suricata's): a rule alerts on it at most once per
 * direction (Suricata keeps a detection state per direction); its record is the connection's {@link
 * TlsSession}.
 */
public final class TlsTransaction implements AppTransaction {
  private final TlsSession session;
  private final AlertedRules[] alerted = {new AlertedRules(), new AlertedRules()};

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

  /** This transaction as the connection's EVE tls record logs it (with {@code from_proto}). */
  AppTransaction logged() {
    TlsTransaction self = this;
    return new AppTransaction() {
      @Override
      public long id() {
        return self.id();
      }

      @Override
      public AppRecord appRecord() {
        return new TlsRecord(session, true);
      }

      @Override
      public boolean firstAlert(int rule) {
        return self.firstAlert(rule);
      }

      @Override
      public java.util.List<String> anomalies() {
        return self.anomalies();
      }

      @Override
      public java.util.List<org.vigil.app.AppFile> files() {
        return self.files();
      }

      @Override
      public byte[] body(boolean toServer) {
        return self.body(toServer);
      }
    };
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
    return alerted[toServer ? 0 : 1].first(rule);
  }
}
