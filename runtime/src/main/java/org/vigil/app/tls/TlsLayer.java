package org.vigil.app.tls;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.vigil.app.AppAdmission;
import org.vigil.app.AppControl;
import org.vigil.app.AppUnit;
import org.vigil.app.BufferSink;
import org.vigil.app.FramedLayer;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * TLS on one TCP flow, detected or reached from another protocol (FTP's AUTH TLS, SMTP's STARTTLS,
 * an HTTP CONNECT tunnel; the record's {@code from_proto}): feeds the record parser; each complete
 * record has its direction's ACKed raw data inspected on the direction's next packet (Suricata's
 * raw reassembly trigger), and the first ApplicationData record stops the flow's payload inspection
 * as Suricata's default encryption handling does (see {@link AppControl#stopPayloadInspection()});
 * an SSLv2 handshake whose both sides encrypt stops the flow's inspection as SSH's does. Data that
 * is not TLS, or a gap, ends the parsing only: raw inspection goes on as before. As Suricata
 * inspects its TLS transaction on every packet, each packet's detection gets a unit of its
 * direction on the connection's one {@link TlsTransaction} (a rule alerts once per direction), read
 * from the handshake state as parsed by then: the TLS state (ssl_state, ssl_version, tls.version),
 * to the server the SNI and JA3, to the client the JA3S, and in each direction its sender's leaf
 * certificate fields and certificates (tls.certs: the leaf in every unit, each further certificate
 * of the chain once, in a unit of its own). The connection's tls record is logged once, when
 * Suricata 7's logger would write it (see {@link #log()}). The parser's events ({@link TlsEvent})
 * are logged as anomaly records on the packet whose data raised them, as Suricata's anomaly logger
 * writes them; rules see them ({@code app-layer-event:tls.*}) in the units, and once the parsing
 * failed in a unit of the events alone on every packet (Suricata goes on inspecting the
 * transaction).
 */
public final class TlsLayer extends FramedLayer {
  private final TlsConnectionParser parser;
  private final TlsTransaction tx;

  /** Certificates of the chain already reported as tls.certs units. */
  private final int[] certsReported = new int[2];

  /** The tls record was logged, or Suricata's logger ran on the connection and wrote nothing. */
  private boolean logged;

  /** The handshake is done as Suricata's TLS progress counts it. */
  private boolean handshakeDone;

  /** Per direction (client to server first): it ended. */
  private final boolean[] closed = new boolean[2];

  /** The flow's end started; {@link #loggableAtEnd} is what the record could be written from. */
  private boolean ending;

  private boolean loggableAtEnd;

  /** Per direction: the records parsed when its last unit was reported. */
  private final long[] recordsInspected = new long[2];

  /** Parser events already logged (as Suricata, on the packet whose data raised them). */
  private int eventsLogged;

  /**
   * The layer of a flow whose inspection {@code control} controls, its buffers counted in a budget
   * of its own.
   */
  public TlsLayer(AppControl control) {
    this(control, new TlsMemory(0, TlsProtocol.DEFAULT_MAX_HANDSHAKE));
  }

  /** The layer of a flow whose buffers are counted in the run's {@code memory}. */
  public TlsLayer(AppControl control, TlsMemory memory) {
    super(control);
    this.parser = new TlsConnectionParser(memory);
    this.tx = new TlsTransaction(parser.session());
  }

  @Override
  public void free() {
    parser.free();
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
    logEvents();
    if ((r & TlsConnectionParser.RECORD_END) != 0) {
      control.triggerRawInspection(toServer);
    }
    handshakeDone |= (r & TlsConnectionParser.APP_DATA) != 0;
    if (handshakeDone || parser.session().certificateHandshakeDone()) {
      handshakeDone = true;
      log();
    }
    if ((r & TlsConnectionParser.APP_DATA) != 0) {
      control.stopPayloadInspection();
    }
    if ((r & TlsConnectionParser.NO_INSPECTION) != 0) {
      log(); // Suricata ends the parsing of both directions: the connection is logged now
      control.stopInspection(); // SSLv2, both sides encrypted: as SSH
      return true;
    }
    // data that is not TLS ends the parsing; the connection is logged when it closes
    return (r & TlsConnectionParser.ERROR) != 0;
  }

  /**
   * Logs the parser events not logged yet (EVE anomaly records of the connection's transaction).
   * Once an earlier parse logged the connection (its tls record written or passed over), Suricata's
   * loggers do not visit its transaction again: later events are never written.
   */
  private void logEvents() {
    List<TlsEvent> events = parser.session().events;
    if (logged) {
      eventsLogged = events.size();
      return;
    }
    if (events.size() > eventsLogged) {
      List<String> names = new java.util.ArrayList<>(events.size() - eventsLogged);
      for (TlsEvent e : events.subList(eventsLogged, events.size())) {
        names.add(e.name());
      }
      eventsLogged = events.size();
      control.logEvents(tx, "tls", names);
    }
  }

  /**
   * Logs the connection's tls record once, when Suricata's logger runs on it: the handshake is done
   * (the server's certificate parsed, or the client's after a certificate request, or encrypted
   * data seen), the parsing of both directions ended, or the flow ends. As Suricata's, the logger
   * writes a record only when the server's certificate was parsed, the session looks resumed, or
   * the server chose TLS 1.3; otherwise it writes nothing, and never will.
   */
  private void log() {
    if (logged) {
      return;
    }
    logged = true;
    if (ending ? loggableAtEnd : loggable()) {
      control.logTransaction(tx.logged());
    }
  }

  private boolean loggable() {
    TlsSession s = parser.session();
    return s.certificate(false) != null || s.resumed() || s.logWithoutCertificate();
  }

  /**
   * The flow ends: what its streams' unacknowledged rest adds is inspected (rules see the
   * certificate it brings) but, as with Suricata, the record is written only from what was parsed
   * before.
   */
  @Override
  public void flowEnding() {
    ending = true;
    loggableAtEnd = loggable();
  }

  /** The direction ended; once both did, the connection is logged (Suricata's end of stream). */
  @Override
  public void onClose(boolean toServer) {
    closed[toServer ? 0 : 1] = true;
    if (closed[0] && closed[1]) {
      log();
    }
  }

  /**
   * The flow ended: the connection is logged if it was not yet (Suricata's end-of-flow logging).
   */
  @Override
  public void flowEnded() {
    log();
  }

  /** The connection spoke {@code protocol} before TLS (the record's {@code from_proto}). */
  @Override
  public void switchedFrom(String protocol) {
    parser.session().fromProtocol(protocol);
  }

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    TlsSession s = parser.session();
    byte[] events = eventBits(s);
    if (parser.failed() && !flowEnd && events != null) {
      // as Suricata keeps inspecting the transaction of a parser that failed: its events only
      out.inspect(
          new AppUnit(
              toServer,
              tx,
              sink -> sink.put(Buffers.APP_EVENTS, events, 0, events.length),
              admission(toServer)));
      return;
    }
    int d = toServer ? 0 : 1;
    long records = parser.records(toServer);
    if (parser.failed()
        || parser.records(true) + parser.records(false) == 0
        || (flowEnd && records == recordsInspected[d])) {
      return; // at the end, only what the flushed rest of the streams parsed is inspected again
    }
    recordsInspected[d] = records;
    byte[] state = new byte[TlsStateBytes.LENGTH];
    TlsStateBytes.fill(s, toServer, state);
    List<byte[]> certs = s.certificates(toServer);
    out.inspect(
        new AppUnit(
            toServer,
            tx,
            sink -> {
              sink.put(Buffers.TLS_STATE, state, 0, state.length);
              if (events != null) {
                sink.put(Buffers.APP_EVENTS, events, 0, events.length);
              }
              if (toServer) {
                text(sink, Buffers.TLS_SNI, s.sni());
                if (s.ja3() != null) {
                  text(sink, Buffers.JA3_STRING, s.ja3());
                  text(sink, Buffers.JA3_HASH, s.ja3Hash());
                }
              } else if (s.ja3s() != null) {
                text(sink, Buffers.JA3S_STRING, s.ja3s());
                text(sink, Buffers.JA3S_HASH, s.ja3sHash());
              }
              X509Summary c = s.certificate(toServer);
              if (c != null) {
                text(sink, Buffers.TLS_CERT_SUBJECT, c.subject());
                text(sink, Buffers.TLS_CERT_ISSUER, c.issuer());
                text(sink, Buffers.TLS_CERT_SERIAL, c.serial());
                text(sink, Buffers.TLS_CERT_FINGERPRINT, c.fingerprint());
              }
              if (!certs.isEmpty()) {
                sink.put(Buffers.TLS_CERTS, certs.get(0), 0, certs.get(0).length);
              }
            },
            admission(toServer)));
    for (int i = Math.max(1, certsReported[d]); i < certs.size(); i++) {
      byte[] cert = certs.get(i);
      out.inspect(
          new AppUnit(
              toServer,
              tx,
              sink -> sink.put(Buffers.TLS_CERTS, cert, 0, cert.length),
              admission(toServer)));
    }
    certsReported[d] = Math.max(certsReported[d], certs.size());
  }

  /** The app-layer-event bits of the connection's events, or null when it has none. */
  private static byte[] eventBits(TlsSession s) {
    if (s.events.isEmpty()) {
      return null;
    }
    byte[] bits = new byte[Buffers.APP_EVENT_BYTES];
    for (TlsEvent e : s.events) {
      int id = Buffers.APP_EVENT_NAMES.indexOf(e.ruleName());
      if (id >= 0) {
        bits[id >>> 3] |= (byte) (1 << (id & 7));
      }
    }
    return bits;
  }

  private AppAdmission admission(boolean toServer) {
    return rule -> tx.firstAlert(toServer, rule);
  }

  private static void text(BufferSink sink, int buffer, String value) {
    if (value != null) {
      byte[] b = value.getBytes(StandardCharsets.UTF_8);
      sink.put(buffer, b, 0, b.length);
    }
  }

  @Override
  protected void gap(boolean toServer) {
    parser.onGap(toServer);
  }
}
