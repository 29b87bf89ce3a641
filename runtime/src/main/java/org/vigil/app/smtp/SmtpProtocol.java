package org.vigil.app.smtp;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;

/**
 * SMTP as a registered app-layer protocol (see {@link SmtpDetection}); the client's first command
 * claims the flow after a server greeting no protocol knows. Its STARTTLS hands the flow to the
 * protocol registered as "tls".
 */
public final class SmtpProtocol implements AppProtocol {
  @Override
  public String name() {
    return "smtp";
  }

  @Override
  public int order() {
    return 35;
  }

  @Override
  public int probeBytes() {
    return SmtpDetection.PROBE_BYTES;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return SmtpDetection.probe(toServer, b, off, len);
  }

  @Override
  public boolean followsUnknownServer() {
    return true;
  }

  /** The server's greeting, sent before the client's first command, is parsed first. */
  @Override
  public boolean readsOtherDirectionAfterDetection() {
    return true;
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    return new SmtpLayer(context.control(), () -> context.layers().create("tls", context));
  }
}
