package org.vigil.app.tls;

import org.vigil.app.AppControl;
import org.vigil.app.FramedLayer;

/**
 * TLS on one TCP flow, detected or reached by an FTP AUTH TLS upgrade: feeds the record parser;
 * each complete record has its direction's ACKed raw data inspected on the direction's next packet
 * (Suricata's raw reassembly trigger), and the first ApplicationData record stops the flow's
 * payload inspection as Suricata's default encryption handling does (see {@link
 * AppControl#stopPayloadInspection()}); an SSLv2 handshake whose both sides encrypt stops the
 * flow's inspection as SSH's does. Data that is not TLS, or a gap, ends the parsing only: raw
 * inspection goes on as before.
 */
public final class TlsLayer extends FramedLayer {
  private final TlsConnectionParser parser = new TlsConnectionParser();

  /** The layer of a flow whose inspection {@code control} controls. */
  public TlsLayer(AppControl control) {
    super(control);
  }

  /** The parser (for tests and logging). */
  public TlsConnectionParser parser() {
    return parser;
  }

  @Override
  protected int parse(boolean toServer, byte[] buf, int off, int len) {
    return parser.onData(toServer, buf, off, len);
  }

  @Override
  protected boolean react(boolean toServer, int r) {
    if ((r & TlsConnectionParser.RECORD_END) != 0) {
      control.triggerRawInspection(toServer);
    }
    if ((r & TlsConnectionParser.APP_DATA) != 0) {
      control.stopPayloadInspection();
    }
    if ((r & TlsConnectionParser.NO_INSPECTION) != 0) {
      control.stopInspection(); // SSLv2, both sides encrypted: as SSH
      return true;
    }
    return (r & TlsConnectionParser.ERROR) != 0;
  }

  @Override
  protected void gap(boolean toServer) {
    parser.onGap(toServer);
  }
}
