package org.vigil.app.ftp;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;

/**
 * FTP data connections as a registered protocol, "ftp-data": never claimed by its bytes, only by an
 * expectation an FTP control channel set ({@link FtpDataChannels}); its layer is {@link
 * FtpDataLayer}. Made from an expectation, a layer knows the file's direction from the side that
 * sends first, and its command and name from the expectation.
 */
public final class FtpDataProtocol implements AppProtocol {
  @Override
  public String name() {
    return FtpDataChannels.PROTOCOL;
  }

  @Override
  public int order() {
    return 1000;
  }

  @Override
  public int probeBytes() {
    return 0;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return NO_MATCH;
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    Object detail =
        context.layers() == null
            ? null
            : context
                .layers()
                .expectations()
                .takeDetail(context.clientAddress(), context.serverAddress(), context.serverPort());
    return new FtpDataLayer(
        null, context.control(), detail instanceof FtpDataFile f ? f : new FtpDataFile("", ""));
  }
}
