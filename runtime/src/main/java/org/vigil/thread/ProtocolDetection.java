package org.vigil.thread;

import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.vigil.app.http.HttpConfig;
import org.vigil.app.http.PersonalityResolver;
import org.vigil.app.ssh.SshDetection;
import org.vigil.flow.Flow;

/**
 * The app layer of one TCP flow chosen by its first bytes, as Suricata 7's protocol detection on any
 * port: a direction opening with "SSH-" (any case) while the other direction has sent nothing makes
 * the flow SSH, its data going to an {@link SshHandler} from then on; any other flow stays with
 * the HTTP handler, which sees every byte as if alone (it does its own HTTP detection). A direction
 * whose first bytes are not SSH's, sent before any "SSH-", rules SSH out: Suricata would either keep
 * the protocol detected first or fail parsing that data as SSH.
 */
final class ProtocolDetection implements AppLayerHandler {
  private AppLayerHandler http;
  private final Supplier<AppLayerHandler> ssh;
  /** The SSH handler once chosen, else null. */
  private AppLayerHandler chosen;
  private boolean sshPossible = true;
  /** Per direction (client to server first): its first bytes, up to what detection needs. */
  private final byte[][] probe = new byte[2][SshDetection.PROBE_BYTES];
  private final int[] probed = new int[2];

  ProtocolDetection(AppLayerHandler http, Supplier<AppLayerHandler> ssh) {
    this.http = http;
    this.ssh = ssh;
  }

  /** The factory a run gives the worker: every TCP flow is detected as HTTP/1.x, SSH or neither. */
  static BiFunction<Flow, Worker, AppLayerHandler> factory(HttpConfig config, PersonalityResolver personalities) {
    BiFunction<Flow, Worker, AppLayerHandler> http = HttpHandler.factory(config, personalities);
    return (flow, worker) -> new ProtocolDetection(http.apply(flow, worker), () -> new SshHandler(worker));
  }

  /** The handler the flow's data goes to: the SSH handler once chosen, else the HTTP handler. */
  AppLayerHandler current() {
    return chosen != null ? chosen : http;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (chosen != null) {
      chosen.onData(toServer, buf, off, len);
      return;
    }
    if (sshPossible && len > 0) {
      int d = toServer ? 0 : 1;
      int before = probed[d];
      int n = Math.min(len, SshDetection.PROBE_BYTES - before);
      System.arraycopy(buf, off, probe[d], before, n);
      probed[d] += n;
      int v = SshDetection.probe(probe[d], 0, probed[d]);
      if (v == SshDetection.MATCH && probed[1 - d] == 0) {
        chosen = ssh.get();
        http = null;
        if (before > 0) {
          chosen.onData(toServer, probe[d], 0, before);
        }
        chosen.onData(toServer, buf, off, len);
        return;
      }
      if (v != SshDetection.NEED_MORE) {
        sshPossible = false;
      }
    }
    http.onData(toServer, buf, off, len);
  }

  @Override
  public void onGap(boolean toServer, long length) {
    sshPossible = false;
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
