package org.vigil.app.tls;

import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;

/**
 * TLS on one TCP flow, detected or reached by an FTP AUTH TLS upgrade: feeds the record parser;
 * each complete record has its direction's ACKed raw data inspected on the direction's next packet
 * (Suricata's raw reassembly trigger), and the first ApplicationData record stops the flow's
 * payload inspection as Suricata's default encryption handling does (see {@link
 * AppControl#stopPayloadInspection()}); an SSLv2 handshake whose both sides encrypt stops the
 * flow's inspection as SSH's does. Data that is not TLS, or a gap, ends the parsing only: raw
 * inspection goes on as before.
 */
public final class TlsLayer implements AppLayer {
  private final AppControl control;
  private final TlsConnectionParser parser = new TlsConnectionParser();

  /** The app layer of the flow is disabled (parse error or gap). */
  private boolean done;

  /** The TLS layer of a flow whose inspection {@code control} controls. */
  public TlsLayer(AppControl control) {
    this.control = control;
  }

  /** The parser (for tests). */
  public TlsConnectionParser parser() {
    return parser;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (done) {
      return;
    }
    int r = parser.onData(toServer, buf, off, len);
    if ((r & TlsConnectionParser.RECORD_END) != 0) {
      control.triggerRawInspection(toServer);
    }
    if ((r & TlsConnectionParser.APP_DATA) != 0) {
      control.stopPayloadInspection();
    }
    if ((r & TlsConnectionParser.NO_INSPECTION) != 0) {
      control.stopInspection(); // SSLv2, both sides encrypted: as SSH
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
