package org.vigil.thread;

import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.vigil.app.ftp.FtpDetection;
import org.vigil.app.http.HttpConfig;
import org.vigil.app.http.PersonalityResolver;
import org.vigil.app.smb.SmbDetection;
import org.vigil.app.ssh.SshDetection;
import org.vigil.app.tls.TlsDetection;
import org.vigil.flow.Flow;

/**
 * The app layer of one TCP flow chosen by its first bytes, as Suricata 7's protocol detection on any
 * port: a direction opening with "SSH-" (any case) or with a TLS record header or SSLv2 client
 * hello (see {@link TlsDetection}) while the other direction has sent nothing makes the flow SSH or TLS; a
 * client opening with one of FTP's command patterns, or a server opening with "220 (" while the
 * client has sent nothing, makes it FTP (see {@link FtpDetection}); a NetBIOS session message
 * carrying SMB's magic makes it SMB (see {@link SmbDetection}). The chosen handler gets the
 * flow's data from then on. Any other flow stays with the HTTP handler, which sees every byte as if
 * alone (it does its own HTTP detection). A direction whose first bytes match none of these rules
 * them out for that direction: Suricata would either keep the protocol detected first or fail
 * parsing that data.
 */
final class ProtocolDetection implements AppLayerHandler {
  private static final int SSH = 0;
  private static final int TLS = 1;
  private static final int FTP = 2;
  private static final int SMB = 3;
  private static final int PROBE_BYTES = Math.max(SmbDetection.PROBE_BYTES,
      Math.max(SshDetection.PROBE_BYTES, Math.max(TlsDetection.PROBE_BYTES, FtpDetection.PROBE_BYTES)));

  private AppLayerHandler http;
  private final Supplier<AppLayerHandler> ssh;
  private final Supplier<AppLayerHandler> tls;
  private final Supplier<AppLayerHandler> ftp;
  /** SMB's handler, or null when SMB is not detected. */
  private final Supplier<AppLayerHandler> smb;
  /** The handler once chosen, else null. */
  private AppLayerHandler chosen;
  /** Per direction (client to server first) and protocol: its first bytes may still be that protocol's. */
  private final boolean[][] possible = {{true, true, true, true}, {true, true, true, true}};
  /** No more detection (a gap, or every direction's first bytes decided). */
  private boolean detecting = true;
  /** Per direction: its first bytes, up to what detection needs. */
  private final byte[][] probe = new byte[2][PROBE_BYTES];
  private final int[] probed = new int[2];

  /** The flow's server port (Suricata's TLS probing parser runs on port 443). */
  private final int serverPort;

  ProtocolDetection(AppLayerHandler http, Supplier<AppLayerHandler> ssh, Supplier<AppLayerHandler> tls,
      Supplier<AppLayerHandler> ftp) {
    this(http, ssh, tls, ftp, -1);
  }

  ProtocolDetection(AppLayerHandler http, Supplier<AppLayerHandler> ssh, Supplier<AppLayerHandler> tls,
      Supplier<AppLayerHandler> ftp, int serverPort) {
    this(http, ssh, tls, ftp, null, serverPort);
  }

  ProtocolDetection(AppLayerHandler http, Supplier<AppLayerHandler> ssh, Supplier<AppLayerHandler> tls,
      Supplier<AppLayerHandler> ftp, Supplier<AppLayerHandler> smb, int serverPort) {
    this.serverPort = serverPort;
    this.smb = smb;
    if (smb == null) {
      possible[0][SMB] = false;
      possible[1][SMB] = false;
    }
    this.http = http;
    this.ssh = ssh;
    this.tls = tls;
    this.ftp = ftp;
  }

  /** The factory a run gives the worker: every TCP flow is detected as HTTP/1.x, SSH, TLS, FTP, SMB or none. */
  static BiFunction<Flow, Worker, AppLayerHandler> factory(HttpConfig config, PersonalityResolver personalities) {
    BiFunction<Flow, Worker, AppLayerHandler> http = HttpHandler.factory(config, personalities);
    return (flow, worker) -> new ProtocolDetection(http.apply(flow, worker), () -> new SshHandler(worker),
        () -> new TlsHandler(worker), () -> new FtpHandler(worker, () -> new TlsHandler(worker)),
        () -> new SmbHandler(worker), flow.serverPort());
  }

  /** The handler the flow's data goes to: the one chosen, else the HTTP handler. */
  AppLayerHandler current() {
    return chosen != null ? chosen : http;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (chosen != null) {
      chosen.onData(toServer, buf, off, len);
      return;
    }
    if (detecting && len > 0) {
      int d = toServer ? 0 : 1;
      int before = probed[d];
      int n = Math.min(len, PROBE_BYTES - before);
      System.arraycopy(buf, off, probe[d], before, n);
      probed[d] += n;
      int proto = detect(d, toServer);
      if (proto >= 0) {
        chosen = switch (proto) {
          case SSH -> ssh.get();
          case TLS -> tls.get();
          case SMB -> smb.get();
          default -> ftp.get();
        };
        http = null;
        detecting = false;
        if (before > 0) {
          chosen.onData(toServer, probe[d], 0, before);
        }
        chosen.onData(toServer, buf, off, len);
        return;
      }
    }
    http.onData(toServer, buf, off, len);
  }

  /** Updates what direction {@code d}'s first bytes may still be; returns the protocol chosen or -1. */
  private int detect(int d, boolean toServer) {
    byte[] b = probe[d];
    int n = probed[d];
    boolean otherSilent = probed[1 - d] == 0;
    int[] verdict = {
        SshDetection.probe(b, 0, n), TlsDetection.probe(toServer, b, 0, n, serverPort), FtpDetection.probe(toServer, b, 0, n),
        SmbDetection.probe(b, 0, n)};
    for (int proto = SSH; proto <= SMB; proto++) {
      if (!possible[d][proto]) {
        continue;
      }
      int v = verdict[proto];
      if (v == 1) {
        // an FTP client may follow a server banner no pattern knows (Suricata's FTP parser reads both)
        boolean otherOk = otherSilent || (proto == FTP && toServer && !anyPossible(1 - d));
        if (otherOk) {
          return proto;
        }
        possible[d][proto] = false;
      } else if (v < 0) {
        possible[d][proto] = false;
      }
    }
    if (!anyPossible(0) && !anyPossible(1)) {
      detecting = false;
    }
    return -1;
  }

  private boolean anyPossible(int d) {
    return possible[d][SSH] || possible[d][TLS] || possible[d][FTP] || possible[d][SMB];
  }

  @Override
  public void onGap(boolean toServer, long length) {
    detecting = false;
    current().onGap(toServer, length);
  }

  @Override
  public void onClose(boolean toServer) {
    current().onClose(toServer);
  }

  @Override
  public void beforeDetection(boolean toServer) {
    current().beforeDetection(toServer);
  }

  @Override
  public void beforeFlowEnd() {
    current().beforeFlowEnd();
  }
}
