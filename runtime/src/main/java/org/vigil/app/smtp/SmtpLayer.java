package org.vigil.app.smtp;

import java.util.ArrayDeque;
import java.util.function.Supplier;
import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;
import org.vigil.app.AppUnit;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * SMTP on one TCP flow: feeds the {@link SmtpParser}, logs each transaction (EVE {@code smtp}) when
 * it is over (its mail data ended, RSET or STARTTLS accepted; the client's raw stream is then
 * inspected on its next packet), or the one still open once both directions ended, and reports each
 * decoded attachment as a unit of the client's direction with its bytes as {@code file.data} (a
 * rule alerts once per transaction). Once the server accepts STARTTLS, the ACKed raw data is
 * inspected on flush pseudo packets (Suricata's flush at a protocol change) and the next data goes
 * to the TLS layer; the flow's protocol is then TLS.
 */
public final class SmtpLayer implements AppLayer {
  private final AppControl control;
  private final Supplier<AppLayer> tls;
  private final SmtpParser parser = new SmtpParser();
  private final ArrayDeque<SmtpParser.FileUnit> ready = new ArrayDeque<>();

  /** The TLS layer once upgraded (null: not upgraded, or no TLS protocol registered). */
  private AppLayer upgraded;

  /** Per direction (client to server first): it ended. */
  private final boolean[] closed = new boolean[2];

  /**
   * The SMTP layer of a flow whose inspection {@code control} controls; {@code tls} makes its TLS
   * layer at STARTTLS.
   */
  public SmtpLayer(AppControl control, Supplier<AppLayer> tls) {
    this.control = control;
    this.tls = tls;
  }

  /** The parser (for tests). */
  public SmtpParser parser() {
    return parser;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (parser.upgraded()) {
      if (upgraded != null) {
        upgraded.onData(toServer, buf, off, len);
      }
      return;
    }
    boolean turned = parser.onData(toServer, buf, off, len);
    collect();
    if (turned) {
      upgraded = tls.get();
      if (upgraded != null) {
        upgraded.switchedFrom("smtp");
      }
      control.flushForProtocolChange();
    }
  }

  @Override
  public void onGap(boolean toServer, long length) {
    if (upgraded != null) {
      upgraded.onGap(toServer, length);
      return;
    }
    parser.onGap(toServer);
    collect();
  }

  @Override
  public void onClose(boolean toServer) {
    if (upgraded != null) {
      upgraded.onClose(toServer);
      return;
    }
    parser.onClose(toServer);
    collect();
    closed[toServer ? 0 : 1] = true;
    SmtpTransaction open = parser.open();
    // Suricata logs a transaction still open once both directions ended (each then counts it
    // complete)
    if (closed[0] && closed[1] && open != null && open.firstLog()) {
      control.logTransaction(open);
    }
  }

  private void collect() {
    ready.addAll(parser.drainFiles());
    for (SmtpTransaction tx : parser.drainCompleted()) {
      writeEvents(tx);
      if (tx.firstLog()) {
        control.logTransaction(tx);
      }
      if (tx.sentData()) {
        // as Suricata's parser at the end of a mail: the client's raw stream is inspected next
        control.triggerRawInspection(true);
      }
    }
    if (parser.current() != null) {
      writeEvents(parser.current());
    }
    SmtpTransaction open = parser.failed() ? parser.open() : null;
    if (open != null && open.firstLog()) {
      control.logTransaction(open); // a parser error ends the flow's parsing: Suricata logs it
    }
  }

  /** Writes the events newly raised on {@code tx} (EVE anomaly records, as the packet). */
  private void writeEvents(SmtpTransaction tx) {
    java.util.List<String> names = tx.newEvents();
    if (!names.isEmpty()) {
      control.logEvents(tx, "smtp", names);
    }
  }

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    if (toServer || flowEnd) {
      SmtpParser.FileUnit f;
      while ((f = ready.poll()) != null) {
        byte[] data = f.file().data();
        SmtpTransaction tx = f.tx();
        out.inspect(
            new AppUnit(true, tx, s -> s.put(Buffers.FILE_DATA, data, 0, data.length), null));
      }
    }
    if (upgraded != null) {
      upgraded.units(toServer, flowEnd, out);
    }
  }

  @Override
  public long inspectTransaction(boolean toServer) {
    return upgraded != null ? upgraded.inspectTransaction(toServer) : 0;
  }

  @Override
  public void flowEnded() {
    if (upgraded != null) {
      upgraded.flowEnded();
    }
  }

  @Override
  public void free() {
    ready.clear();
    if (upgraded != null) {
      upgraded.free();
    }
  }

  @Override
  public String originalProtocol() {
    return parser.upgraded() ? "smtp" : null;
  }

  @Override
  public String protocolName() {
    if (parser.upgraded()) {
      String p = upgraded == null ? null : upgraded.protocolName();
      return p != null ? p : "tls";
    }
    return "smtp";
  }
}
