package org.vigil.app.ssh;

import org.vigil.app.AppControl;
import org.vigil.app.AppUnit;
import org.vigil.app.FramedLayer;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * SSH on one TCP flow: feeds the parser and, once both sides have sent NEWKEYS, stops the flow's
 * inspection as Suricata 7 does (its ACKed raw data not yet inspected is inspected at once on flush
 * pseudo packets, then nothing of the payload is, see {@link AppControl#stopInspection()}). Invalid
 * SSH or a gap ends the parsing only: the raw inspection goes on (a banner line that is no SSH
 * banner is logged as Suricata's {@code invalid_banner} anomaly). Once a direction's banner is
 * parsed, each packet of that direction gets a unit with its ssh.proto and ssh.software buffers on
 * the connection's one {@link SshTransaction} (a rule alerts once per direction), as Suricata
 * inspects its SSH transaction on every packet. That transaction is logged (EVE {@code ssh}, {@link
 * SshRecord}) once both sides' banners were parsed, or when the stream closes with one banner only
 * (as Suricata logs the unfinished transaction at the flow's end).
 */
public final class SshLayer extends FramedLayer {
  private final SshConnectionParser parser = new SshConnectionParser();
  private final SshTransaction tx = new SshTransaction(parser);
  private boolean logged;

  /** The layer of a flow whose inspection {@code control} controls. */
  public SshLayer(AppControl control) {
    super(control);
  }

  /** The parser (for tests and logging). */
  public SshConnectionParser parser() {
    return parser;
  }

  @Override
  protected int parse(boolean toServer, byte[] buf, int off, int len) {
    return parser.onData(toServer, buf, off, len);
  }

  @Override
  public String protocolName() {
    return "ssh";
  }

  @Override
  protected boolean react(boolean toServer, int r) {
    if (!logged && parser.banner(true) != null && parser.banner(false) != null) {
      logged = true;
      control.logTransaction(tx);
    }
    if ((r & SshConnectionParser.NO_INSPECTION) != 0) {
      control.stopInspection();
      return true;
    }
    if ((r & SshConnectionParser.ERROR) != 0) {
      if (parser.invalidBanner(toServer)) {
        // Suricata's anomaly record of the event, on the packet whose data raised it
        control.logEvents(tx, "ssh", java.util.List.of("invalid_banner"));
      }
      return true;
    }
    return false;
  }

  @Override
  public void onClose(boolean toServer) {
    if (!logged && (parser.banner(true) != null || parser.banner(false) != null)) {
      logged = true;
      control.logTransaction(tx);
    }
  }

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    SshBanner b = flowEnd ? null : parser.banner(toServer);
    if (b == null) {
      return;
    }
    out.inspect(
        new AppUnit(
            toServer,
            tx,
            sink -> {
              sink.put(Buffers.SSH_PROTO, b.protoVersion(), 0, b.protoVersion().length);
              sink.put(Buffers.SSH_SOFTWARE, b.softwareVersion(), 0, b.softwareVersion().length);
            },
            rule -> tx.firstAlert(toServer, rule)));
  }

  @Override
  protected void gap(boolean toServer) {
    parser.onGap(toServer);
  }
}
