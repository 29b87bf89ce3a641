package org.vigil.thread;

import org.vigil.app.tls.TlsConnectionParser;

/**
 * TLS on one TCP flow, chosen by {@link ProtocolDetection} or by an FTP AUTH TLS upgrade: feeds the
 * record parser; each complete record has the worker inspect its direction's ACKed raw data on the
 * direction's next packet (Suricata's raw reassembly trigger), and the first ApplicationData record
 * stops the flow's payload inspection as Suricata's default encryption handling does (see
 * {@link FlowControl#stopPayloadInspection()}); an SSLv2 handshake whose both sides encrypt stops the
 * flow's inspection as SSH's does. Data that is not TLS, or a gap, ends the parsing only:
 * raw inspection goes on as before.
 */
final class TlsHandler implements AppLayerHandler {
  private final Worker worker;
  private final TlsConnectionParser parser = new TlsConnectionParser();
  /** The app layer of the flow is disabled (parse error or gap). */
  private boolean done;

  TlsHandler(Worker worker) {
    this.worker = worker;
  }

  /** The parser (for tests). */
  TlsConnectionParser parser() {
    return parser;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (done) {
      return;
    }
    int r = parser.onData(toServer, buf, off, len);
    if ((r & TlsConnectionParser.RECORD_END) != 0) {
      worker.control().triggerRawInspection(toServer);
    }
    if ((r & TlsConnectionParser.APP_DATA) != 0) {
      worker.control().stopPayloadInspection();
    }
    if ((r & TlsConnectionParser.NO_INSPECTION) != 0) {
      worker.control().stopInspection(); // SSLv2, both sides encrypted: as SSH
      done = true;
    }
    if ((r & TlsConnectionParser.ERROR) != 0) {
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
