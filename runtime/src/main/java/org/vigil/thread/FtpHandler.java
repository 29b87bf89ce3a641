package org.vigil.thread;

import java.util.function.Supplier;
import org.vigil.app.ftp.FtpTlsUpgrade;

/**
 * FTP on one TCP flow, chosen by {@link ProtocolDetection}: only what Suricata 7 does with it that
 * changes inspection, the AUTH TLS upgrade. Once a "234 " reply answers "AUTH TLS" the flow's ACKed
 * raw data of both directions is inspected on flush pseudo packets (Suricata's flush at a protocol
 * change, see {@link FlowControl#flushForProtocolChange()}) and the next data goes to a TLS handler.
 */
final class FtpHandler implements AppLayerHandler {
  private final Worker worker;
  private final Supplier<AppLayerHandler> tls;
  private final FtpTlsUpgrade upgrade = new FtpTlsUpgrade();
  /** The TLS handler once upgraded, else null. */
  private AppLayerHandler upgraded;
  /** A gap: the FTP parser stopped (Suricata's FTP parser does not accept gaps either). */
  private boolean done;

  FtpHandler(Worker worker, Supplier<AppLayerHandler> tls) {
    this.worker = worker;
    this.tls = tls;
  }

  /** The TLS handler the flow was upgraded to, or null. */
  AppLayerHandler upgraded() {
    return upgraded;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (upgraded != null) {
      upgraded.onData(toServer, buf, off, len);
      return;
    }
    if (done) {
      return;
    }
    if (upgrade.onData(toServer, buf, off, len) >= 0) {
      upgraded = tls.get();
      worker.control().flushForProtocolChange();
      // the rest of this data is still FTP's (Suricata's FTP parser consumes it): TLS starts with the next
    }
  }

  @Override
  public void onGap(boolean toServer, long length) {
    if (upgraded != null) {
      upgraded.onGap(toServer, length);
    } else {
      done = true;
    }
  }

  @Override
  public void onClose(boolean toServer) {
    if (upgraded != null) {
      upgraded.onClose(toServer);
    }
  }
}
