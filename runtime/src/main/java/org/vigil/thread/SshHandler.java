package org.vigil.thread;

import org.vigil.app.ssh.SshConnectionParser;

/**
 * SSH on one TCP flow, chosen by {@link ProtocolDetection}: feeds the parser and, once both sides
 * have sent NEWKEYS, has the worker stop the flow's inspection as Suricata 7 does (its ACKed raw
 * data not yet inspected is inspected at once on flush pseudo packets, then nothing of the payload
 * is). Invalid SSH or a gap ends the parsing only: the raw inspection goes on.
 */
final class SshHandler implements AppLayerHandler {
  private final Worker worker;
  private final SshConnectionParser parser = new SshConnectionParser();
  /** The app layer of the flow is disabled (parse error, gap, or inspection stopped). */
  private boolean done;

  SshHandler(Worker worker) {
    this.worker = worker;
  }

  /** The parser (for tests and logging). */
  SshConnectionParser parser() {
    return parser;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (done) {
      return;
    }
    int r = parser.onData(toServer, buf, off, len);
    if ((r & SshConnectionParser.NO_INSPECTION) != 0) {
      worker.control().stopInspection();
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
