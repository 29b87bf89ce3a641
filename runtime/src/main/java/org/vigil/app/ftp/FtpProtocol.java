package org.vigil.app.ftp;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;

/**
 * FTP as a registered app-layer protocol (see {@link FtpDetection}); an FTP client may follow a
 * server banner no pattern knows (Suricata's FTP parser reads both directions). Its AUTH TLS
 * upgrade hands the flow to the protocol registered as "tls".
 */
public final class FtpProtocol implements AppProtocol {
  @Override
  public String name() {
    return "ftp";
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  public int probeBytes() {
    return FtpDetection.PROBE_BYTES;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return FtpDetection.probe(toServer, b, off, len);
  }

  @Override
  public boolean followsUnknownServer() {
    return true;
  }

  @Override
  public boolean readsOtherDirectionAfterDetection() {
    return true;
  }

  @Override
  public boolean announcesFlows() {
    return true;
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    return new FtpLayer(context.control(), () -> context.layers().create("tls", context), context);
  }
}
