package org.vigil.app.ssh;

import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;

/**
 * SSH on one TCP flow: feeds the parser and, once both sides have sent NEWKEYS, stops the flow's
 * inspection as Suricata 7 does (its ACKed raw data not yet inspected is inspected at once on flush
 * pseudo packets, then nothing of the payload is, see {@link AppControl#stopInspection()}). Invalid
 * SSH or a gap ends the parsing only: the raw inspection goes on.
 */
public final class SshLayer implements AppLayer {
  private final AppControl control;
  private final SshConnectionParser parser = new SshConnectionParser();

  /** The app layer of the flow is disabled (parse error, gap, or inspection stopped). */
  private boolean done;

  /** The SSH layer of a flow whose inspection {@code control} controls. */
  public SshLayer(AppControl control) {
    this.control = control;
  }

  /** The parser (for tests and logging). */
  public SshConnectionParser parser() {
    return parser;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (done) {
      return;
    }
    int r = parser.onData(toServer, buf, off, len);
    if ((r & SshConnectionParser.NO_INSPECTION) != 0) {
      control.stopInspection();
      done = true;
    }
    if ((r & SshConnectionParser.ERROR) != 0) {
      done = true;
    }
  }

  @Override
  public void onGap(boolean toServer, long length) {
    if (!done) {
      parser.onGap(toServer);
      done = true;
    }
  }

  @Override
  public void onClose(boolean toServer) {}
}
