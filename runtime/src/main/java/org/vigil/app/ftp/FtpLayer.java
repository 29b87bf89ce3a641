package org.vigil.app.ftp;

import java.util.function.Supplier;
import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;
import org.vigil.app.UnitSink;

/**
 * FTP on one TCP flow: what Suricata 7 does with it that changes inspection, the AUTH TLS upgrade,
 * and the transactions ftpbounce is tested on ({@link FtpTransactions}). Once a "234 " reply
 * answers "AUTH TLS" the flow's ACKed raw data of both directions is inspected on flush pseudo
 * packets (Suricata's flush at a protocol change, see {@link AppControl#flushForProtocolChange()})
 * and the next data goes to the TLS layer.
 */
public final class FtpLayer implements AppLayer {
  private final AppControl control;

  /**
   * Makes the TLS layer of the flow at the upgrade (null: none registered, the data is then
   * dropped).
   */
  private final Supplier<AppLayer> tls;

  private final FtpTlsUpgrade upgrade = new FtpTlsUpgrade();
  private final FtpTransactions transactions = new FtpTransactions();

  /** The TLS layer once upgraded, else null. */
  private AppLayer upgraded;

  private boolean isUpgraded;

  /**
   * The FTP parser stopped: at a gap (Suricata's FTP parser does not accept gaps either) or at an
   * error ({@link FtpDataChannels}).
   */
  private boolean done;

  /** The data connections the control channel announces, or null when not followed. */
  private final FtpDataChannels dataChannels;

  /**
   * The FTP layer of a flow whose inspection {@code control} controls; {@code tls} makes its TLS
   * layer.
   */
  public FtpLayer(AppControl control, Supplier<AppLayer> tls) {
    this(control, tls, null);
  }

  /**
   * As {@link #FtpLayer(AppControl, Supplier)}, announcing the flow's data connections to the run's
   * expectations of {@code context} (see {@link FtpDataChannels}).
   */
  public FtpLayer(AppControl control, Supplier<AppLayer> tls, org.vigil.app.AppContext context) {
    this.control = control;
    this.tls = tls;
    this.dataChannels = context == null ? null : new FtpDataChannels(context);
  }

  /** The TLS layer the flow was upgraded to, or null. */
  public AppLayer upgraded() {
    return upgraded;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (isUpgraded) {
      if (upgraded != null) {
        upgraded.onData(toServer, buf, off, len);
      }
      return;
    }
    if (done) {
      return;
    }
    int failedAt = dataChannels == null ? -1 : dataChannels.onData(toServer, buf, off, len);
    if (failedAt >= 0) {
      // Suricata's parser error: the failing line still makes its transaction, nothing after it
      // is parsed, and the flow's app layer stops
      len = failedAt - off;
      done = true;
    }
    if (toServer) {
      transactions.onClientData(buf, off, len);
    } else {
      transactions.onServerData(buf, off, len);
    }
    if (done) {
      return;
    }
    if (upgrade.onData(toServer, buf, off, len) >= 0) {
      isUpgraded = true;
      upgraded = tls.get();
      if (upgraded != null) {
        upgraded.switchedFrom("ftp");
      }
      control.flushForProtocolChange();
      // the rest of this data is still FTP's (Suricata's FTP parser consumes it): TLS starts with
      // the next
    }
  }

  @Override
  public boolean parsingStopped() {
    return done && !isUpgraded;
  }

  @Override
  public void onGap(boolean toServer, long length) {
    if (isUpgraded) {
      if (upgraded != null) {
        upgraded.onGap(toServer, length);
      }
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

  @Override
  public long inspectTransaction(boolean toServer) {
    return upgraded != null ? upgraded.inspectTransaction(toServer) : transactions.inspectId();
  }

  @Override
  public void flowEnded() {
    if (upgraded != null) {
      upgraded.flowEnded();
    }
  }

  @Override
  public void free() {
    if (dataChannels != null) {
      dataChannels.close();
    }
    if (upgraded != null) {
      upgraded.free(); // the TLS layer's buffers back to its memcap
    }
  }

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    transactions.units(toServer, flowEnd, out);
    if (upgraded != null) {
      upgraded.units(toServer, flowEnd, out);
    }
  }
}
