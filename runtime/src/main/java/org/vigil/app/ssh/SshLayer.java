package org.vigil.app.ssh;

import org.vigil.app.AppControl;
import org.vigil.app.FramedLayer;

/**
 * SSH on one TCP flow: feeds the parser and, once both sides have sent NEWKEYS, stops the flow's
 * inspection as Suricata 7 does (its ACKed raw data not yet inspected is inspected at once on flush
 * pseudo packets, then nothing of the payload is, see {@link AppControl#stopInspection()}). Invalid
 * SSH or a gap ends the parsing only: the raw inspection goes on.
 */
public final class SshLayer extends FramedLayer {
  private final SshConnectionParser parser = new SshConnectionParser();

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
  protected boolean react(boolean toServer, int r) {
    if ((r & SshConnectionParser.NO_INSPECTION) != 0) {
      control.stopInspection();
      return true;
    }
    return (r & SshConnectionParser.ERROR) != 0;
  }

  @Override
  protected void gap(boolean toServer) {
    parser.onGap(toServer);
  }
}
