package org.vigil.app.ssh;

import org.vigil.app.AppControl;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;
import org.vigil.app.FramedLayer;

/**
 * SSH on one TCP flow: feeds the parser and, once both sides have sent NEWKEYS, stops the flow's
 * inspection as Suricata 7 does (its ACKed raw data not yet inspected is inspected at once on flush
 * pseudo packets, then nothing of the payload is, see {@link AppControl#stopInspection()}). Invalid
 * SSH or a gap ends the parsing only: the raw inspection goes on. The flow is one transaction,
 * logged (EVE {@code ssh}, {@link SshRecord}) once both sides' banners were parsed, or when the
 * stream closes with one banner only (as Suricata logs the unfinished transaction at the flow's
 * end).
 */
public final class SshLayer extends FramedLayer implements AppTransaction {
  private final SshConnectionParser parser = new SshConnectionParser();
  private boolean logged;
  private final java.util.BitSet alerted = new java.util.BitSet();

  /** The layer of a flow whose inspection {@code control} controls. */
  public SshLayer(AppControl control) {
    super(control);
  }

  /** The parser (for tests and logging). */
  public SshConnectionParser parser() {
    return parser;
  }

  @Override
  protected int parse(boolean toServer, byte[] buf, int off, int len) {
    return parser.onData(toServer, buf, off, len);
  }

  @Override
  public long id() {
    return 0;
  }

  @Override
  public AppRecord appRecord() {
    return new SshRecord(parser.banner(true), parser.banner(false));
  }

  @Override
  public boolean firstAlert(int rule) {
    boolean first = !alerted.get(rule);
    alerted.set(rule);
    return first;
  }

  @Override
  public String protocolName() {
    return "ssh";
  }

  @Override
  protected boolean react(boolean toServer, int r) {
    if (!logged && parser.banner(true) != null && parser.banner(false) != null) {
      logged = true;
      control.logTransaction(this);
    }
    if ((r & SshConnectionParser.NO_INSPECTION) != 0) {
      control.stopInspection();
      return true;
    }
    return (r & SshConnectionParser.ERROR) != 0;
  }

  @Override
  public void onClose(boolean toServer) {
    if (!logged && (parser.banner(true) != null || parser.banner(false) != null)) {
      logged = true;
      control.logTransaction(this);
    }
  }

  @Override
  protected void gap(boolean toServer) {
    parser.onGap(toServer);
  }
}
