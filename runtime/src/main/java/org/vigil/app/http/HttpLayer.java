package org.vigil.app.http;

import java.util.ArrayDeque;
import org.vigil.app.AppContext;
import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;
import org.vigil.app.UnitSink;

/**
 * HTTP/1.x on one TCP flow: recognises HTTP at the start of the stream (as Suricata's protocol
 * detection does, on any port, see {@link HttpProbe}), feeds the parser, and has each transaction
 * inspected per direction with the http_* buffers as Suricata 7 does: a response on each packet to
 * the client after new server data while its headers are still parsed (the status line and the
 * fields so far), on the first packet of the direction after its headers were parsed when its body
 * is not complete yet (the header buffers), on each later packet of the direction that finds new
 * body bytes once the minimal inspect size is buffered (the body's window, {@link BodyWindow}), and
 * on the first packet of the direction after it completed (or at flow end) with every buffer: those
 * are the units the inspector pulls ({@link #units(boolean, boolean, UnitSink)}). A CONNECT
 * answered 2xx changes the flow's protocol (a tunnel, see {@link AppControl#changeProtocol()}); TLS
 * through it is parsed by a TLS layer ({@link HttpTunnel}).
 */
public final class HttpLayer implements AppLayer, HttpTransactionListener {
  private HttpMemory memory;
  private final AppControl control;
  private final HttpConnectionParser parser;

  /** The units its transactions give detection. */
  private final HttpUnits units;

  /** When the connection's events and request-less responses are written. */
  private final HttpEventLog events;

  /** Whether the flow is HTTP, decided on its first bytes; then the feed of the parser. */
  private final HttpProbe probe;

  /** The protocol inside a CONNECT tunnel. */
  private final HttpTunnel tunnel;

  /**
   * The connection became a tunnel (CONNECT answered 2xx) and Suricata would still be detecting the
   * tunnelled protocol: every packet until then flushes the raw data (AppControl#changeProtocol).
   */
  private boolean tunnelDetecting;

  /**
   * The flow's end started (the inspector pulled with flowEnd): completions wait in {@link #atEnd}.
   */
  private boolean ending;

  /** Server data arrived (or the server closed) since the last detection pass to the client. */
  private boolean responseUpdated;

  /** The unanswered transactions were logged (the flow ended). */
  private boolean unansweredLogged;

  /** What completed once the flow's end started, in order: reported on the next pull. */
  private final ArrayDeque<Ready> atEnd = new ArrayDeque<>(2);

  /**
   * A message completed during the flow's end: inspected, or its transaction logged ({@code log}).
   */
  private record Ready(HttpTransaction tx, boolean toServer, boolean log) {}

  /** The HTTP layer of the flow of {@code context}, parsing under {@code config}. */
  public HttpLayer(AppContext context, HttpConfig config, PersonalityResolver personalities) {
    this(context, config, personalities, null);
  }

  /**
   * A layer counted at {@link HttpMemory#LAYER_BYTES} in {@code memory} (reserved by the caller,
   * given back by {@link #free}); null: not counted.
   */
  HttpLayer(
      AppContext context, HttpConfig config, PersonalityResolver personalities, HttpMemory memory) {
    this.memory = memory;
    this.control = context.control();
    this.parser = new HttpConnectionParser(config, personalities, context.serverAddress(), this);
    this.units = new HttpUnits(parser, config, context.prefilter());
    this.probe = new HttpProbe(parser);
    this.tunnel = new HttpTunnel(context);
    this.events = new HttpEventLog(control);
  }

  @Override
  public void free() {
    if (tunnel.layer() != null) {
      tunnel.layer().free();
    }
    if (memory != null) {
      memory.release(HttpMemory.LAYER_BYTES);
      memory = null;
    }
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (tunnel.layer() != null) {
      if (toServer) {
        tunnel.layer().onData(true, buf, off, len);
      } else {
        tunnel.serverData(buf, off, len);
      }
      return;
    }
    if (tunnelDetecting && !toServer) {
      tunnel.holdServerData(buf, off, len);
    }
    if (tunnelDetecting && toServer && len > 0) {
      // Suricata detects the tunnelled protocol on the client's first data (SMTP, TLS, HTTP,
      // SSH...)
      tunnelDetecting = false;
      control.protocolChangeDone();
      if (tunnel.start(buf, off, len)) {
        return;
      }
    }
    responseUpdated |= !toServer;
    if (toServer) {
      clientParsed();
    }
    probe.onData(toServer, buf, off, len);
  }

  private static boolean isConnect(byte[] m) {
    return m != null && java.util.Arrays.equals(m, CONNECT);
  }

  /** The CONNECT method's bytes, compared as they are (no string made per transaction). */
  private static final byte[] CONNECT = {'C', 'O', 'N', 'N', 'E', 'C', 'T'};

  /**
   * "http" once the flow's first bytes were recognised as HTTP (the tunnelled protocol's name once
   * tunnelled), else null.
   */
  @Override
  public String protocolName() {
    return tunnel.layer() != null ? tunnel.name() : probe.isHttp() ? "http" : null;
  }

  @Override
  public long inspectTransaction(boolean toServer) {
    if (tunnel.layer() != null) {
      return tunnel.layer().inspectTransaction(toServer);
    }
    return probe.isHttp() ? parser.inspectId(toServer) : -1;
  }

  @Override
  public void onGap(boolean toServer, long length) {
    if (tunnel.layer() != null) {
      tunnel.layer().onGap(toServer, length);
      return;
    }
    if (tunnelDetecting) {
      tunnelDetecting = false; // Suricata gives the protocol change up on a gap
      control.protocolChangeDone();
    }
    probe.onGap();
    if (probe.isHttp()) {
      parser.onGap(toServer, length);
    }
  }

  @Override
  public void onClose(boolean toServer) {
    if (tunnelDetecting) {
      tunnelDetecting = false; // at the end of a direction Suricata's detection gives up
      control.protocolChangeDone();
    }
    responseUpdated |= !toServer;
    if (probe.isHttp()) {
      parser.onClose(toServer);
    }
    if (toServer) {
      clientParsed();
    }
    if (tunnel.layer() != null) {
      tunnel.layer().onClose(toServer);
    }
  }

  /**
   * The flow ended (its streams flushed and closed): the requests no response answered are logged
   * as they are, as Suricata logs every transaction at the end of a flow.
   */
  @Override
  public void flowEnded() {
    if (probe.isHttp() && !unansweredLogged) {
      unansweredLogged = true;
      events.flowEnded();
      clientParsed();
      for (HttpTransaction tx : parser.awaitingResponses()) {
        control.logTransaction(tx);
      }
      HttpTransaction cut = parser.responseInHeaders();
      if (cut != null) {
        control.logTransaction(cut);
      }
    }
    if (tunnel.layer() != null) {
      tunnel.layer().flowEnded();
    }
  }

  /**
   * A detection pass in direction {@code toServer}: first the completed messages of that direction
   * waiting for it; then, as Suricata, the transaction whose message in that direction has its
   * headers parsed but not its body: the first pass after the headers with the buffers final by
   * then (request line, headers, cookies, status), and, once the body buffered reaches Suricata's
   * minimal inspect size, every pass that finds new body bytes with the body window of {@link
   * BodyWindow} (file_data or http_client_body) beside them; before that, a response whose headers
   * are still parsed (see {@link HttpUnits#inspectResponseInHeaders}). At flow end: the completed
   * messages, and a response left in its headers.
   */
  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    httpUnits(toServer, flowEnd, out);
    if (tunnel.layer() != null) {
      tunnel.layer().units(toServer, flowEnd, out);
    }
  }

  private void httpUnits(boolean toServer, boolean flowEnd, UnitSink out) {
    if (flowEnd) {
      ending = true;
      units.flushCompleted(toServer, out);
      for (Ready r = atEnd.poll(); r != null; r = atEnd.poll()) {
        if (r.log()) {
          control.logTransaction(r.tx());
        } else {
          units.inspectCompleted(r.tx(), r.toServer(), out);
        }
      }
      if (!toServer && probe.isHttp()) {
        units.inspectResponseInHeaders(out);
      }
      return;
    }
    if (!probe.isHttp()) {
      return;
    }
    units.flushCompleted(toServer, out);
    if (!units.inspectInBody(toServer, out) && !toServer && responseUpdated) {
      units.inspectResponseInHeaders(out);
    }
    responseUpdated &= toServer;
  }

  /**
   * A request completed: as Suricata, it is inspected on the next detection pass of its direction
   * (the next client packet), or on the next pull when the flow ends. Its raw stream data is
   * inspected on that packet too (Suricata's request-complete hook triggers raw reassembly), except
   * for a CONNECT libhtp has not finalized yet: see {@link #onRequestFinalized}.
   */
  @Override
  public void onRequestComplete(HttpTransaction tx) {
    if (!tx.requestFinalizePending()) {
      control.triggerRawInspection(true);
    }
    events.requestComplete(tx);
    if (ending) {
      atEnd.add(new Ready(tx, true, false));
    } else {
      units.completed(tx, true);
    }
  }

  /**
   * libhtp finalized a refused CONNECT (request data parsed again after the answer): only now does
   * Suricata's request-complete hook trigger the raw inspection of the client's stream.
   */
  @Override
  public void onRequestFinalized(HttpTransaction tx) {
    control.triggerRawInspection(true);
    events.requestFinalized(tx);
  }

  /** The request's line and headers are parsed: Suricata records the transaction's flags. */
  @Override
  public void onRequestHeaders(HttpTransaction tx) {
    events.requestHeaders(tx);
  }

  /** An event was raised: Suricata writes it after the packet being processed (if it logs it). */
  @Override
  public void onEvent(HttpTransaction tx, HttpEvent event) {
    events.raised(tx, event);
  }

  /**
   * A response completed: inspected on the next server packet, or on the next pull when the flow
   * ends, and logged. A 2xx answer to the connection's first request, a CONNECT, makes Suricata
   * change the flow's app protocol (a tunnel): see {@link AppControl#changeProtocol()}.
   */
  @Override
  public void onResponseComplete(HttpTransaction tx) {
    control.triggerRawInspection(false);
    if (tx.id() == 0
        && parser.transactionCount() == 1
        && tx.status() >= 200
        && tx.status() < 300
        && isConnect(tx.method())) {
      tunnelDetecting = true;
      tunnel.open(tx.rawUri());
      control.changeProtocol();
    }
    if (ending) {
      atEnd.add(new Ready(tx, false, false));
      atEnd.add(new Ready(tx, false, true));
    } else {
      units.completed(tx, false);
      if (events.logNow(tx)) {
        control.logTransaction(tx);
      }
    }
  }

  /**
   * As libhtp once the client's direction is parsed again: the responses that answered no request
   * complete their request side, are logged and inspected in the client's direction.
   */
  private void clientParsed() {
    for (HttpTransaction tx : events.takeUnmatched()) {
      control.logTransaction(tx);
      units.completed(tx, true);
    }
  }
}
