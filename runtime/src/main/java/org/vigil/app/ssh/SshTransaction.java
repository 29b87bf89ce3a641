package org.vigil.app.ssh;

import org.vigil.app.AlertedRules;
import org.vigil.app.AppTransaction;

/**
 * The one transaction of an SSH connection (as Suricata's): a rule alerts on it at most once per
 * direction; its record is the connection's parser (the banners).
 */
public final class SshTransaction implements AppTransaction {
  private final SshConnectionParser parser;
  private final AlertedRules[] alerted = {new AlertedRules(), new AlertedRules()};

  SshTransaction(SshConnectionParser parser) {
    this.parser = parser;
  }

  @Override
  public long id() {
    return 0;
  }

  /** The banner of direction {@code toServer}, or null. */
  public SshBanner banner(boolean toServer) {
    return parser.banner(toServer);
  }

  /** The EVE ssh record: both sides' banners (either may be missing). */
  @Override
  public org.vigil.app.AppRecord appRecord() {
    return new SshRecord(parser.banner(true), parser.banner(false));
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
