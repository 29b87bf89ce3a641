package org.vigil.app.http;

import java.util.ArrayDeque;
import org.vigil.app.http.normalize.NormalizerOptions;
import org.vigil.app.http.normalize.ServerPersonality;

/**
 * The HTTP/1.x parser of one TCP connection. The stream layer feeds it in-order bytes per direction
 * ({@link #onData}), losses ({@link #onGap}) and ends ({@link #onClose}); it pairs requests with
 * responses (pipelining included) and reports transactions to its listener. Malformed traffic
 * becomes {@link HttpEvent}s, never an exception. Not thread-safe: one flow, one thread.
 */
public final class HttpConnectionParser {

  /** The URI libhtp gives the transaction of a response that answered no request. */
  private static final byte[] NO_REQUEST_URI =
      "/libhtp::request_uri_not_seen".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  /** Transactions waiting for their response are capped; older ones are given up. */
  static final int MAX_AWAITING = 512;

  private final HttpConfig config;
  private final ServerPersonality personality;
  private final NormalizerOptions uriOptions;
  private final HttpTransactionListener listener;
  private final RequestParser request;
  private final ResponseParser response;
  private final ArrayDeque<HttpTransaction> awaiting = new ArrayDeque<>();
  private static final int EVENTS = HttpEvent.values().length;

  // per event (by ordinal), made at the connection's first event
  private long[] eventCounts;
  private long nextId;
  private long transactions;
  private boolean tunnel;
  private boolean released;

  /** A parser for a connection to a server of the given personality. */
  public HttpConnectionParser(
      HttpConfig config, ServerPersonality personality, HttpTransactionListener listener) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.personality = java.util.Objects.requireNonNull(personality, "personality");
    this.listener = java.util.Objects.requireNonNull(listener, "listener");
    NormalizerOptions o = personality.options();
    this.uriOptions = config.uriCaseFolding() ? o : o.withLowercase(false);
    this.request = new RequestParser(config, this);
    this.response = new ResponseParser(config, this);
  }

  /**
   * A parser for a connection to {@code serverAddress}, its personality chosen by {@code resolver}.
   */
  public HttpConnectionParser(
      HttpConfig config,
      PersonalityResolver resolver,
      byte[] serverAddress,
      HttpTransactionListener listener) {
    this(config, resolver.resolve(serverAddress), listener);
  }

  /** New in-order bytes in one direction ({@code toServer}: client to server); any chunking. */
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (len <= 0) {
      return;
    }
    if (off < 0 || off + len > buf.length) {
      throw new IndexOutOfBoundsException("off " + off + " len " + len + " of " + buf.length);
    }
    MessageParser p = toServer ? request : response;
    if (p.state == ParseState.CLOSED) {
      return;
    }
    if (toServer) {
      request.finalizeRefusedConnect();
    }
    try {
      p.data(buf, off, len);
    } catch (RuntimeException e) {
      failed(p, e);
    }
  }

  /** {@code length} bytes were lost in one direction. */
  public void onGap(boolean toServer, long length) {
    if (length <= 0) {
      return;
    }
    MessageParser p = toServer ? request : response;
    if (p.state != ParseState.TUNNEL
        && p.state != ParseState.CLOSED
        && p.state != ParseState.LOST) {
      event(p.tx, toServer ? HttpEvent.REQUEST_DATA_GAP : HttpEvent.RESPONSE_DATA_GAP);
    }
    try {
      p.gap(length);
    } catch (RuntimeException e) {
      failed(p, e);
    }
  }

  /** One direction ended (FIN or RST, or the flow timed out). */
  public void onClose(boolean toServer) {
    MessageParser p = toServer ? request : response;
    if (toServer) {
      request.finalizeRefusedConnect();
    }
    try {
      p.close();
    } catch (RuntimeException e) {
      failed(p, e);
    }
    if (request.state == ParseState.CLOSED || response.state == ParseState.CLOSED || tunnel) {
      if (!released && response.state == ParseState.CLOSED) {
        released = true;
        response.release();
      }
    }
  }

  private void failed(MessageParser p, RuntimeException e) {
    // a parser bug must not take the flow down: stop parsing this direction and count it
    p.state = ParseState.LOST;
    event(p.tx, HttpEvent.PARSER_FAILURE);
  }

  /** The personality used for this connection's URIs. */
  public ServerPersonality personality() {
    return personality;
  }

  /** How many times {@code e} occurred on this connection. */
  public long eventCount(HttpEvent e) {
    return eventCounts == null ? 0 : eventCounts[e.ordinal()];
  }

  /** All events of this connection, indexed by {@link HttpEvent#ordinal()} (a copy). */
  public long[] eventCounts() {
    return eventCounts == null ? new long[EVENTS] : eventCounts.clone();
  }

  /** Transactions started on this connection. */
  public long transactionCount() {
    return transactions;
  }

  /**
   * The transaction whose message in direction {@code toServer} has its headers parsed and its body
   * not yet complete (libhtp's progress "body" or "trailer"), or null: a detection pass in that
   * direction sees its headers then, before the message completes.
   */
  public HttpTransaction messageInBody(boolean toServer) {
    HttpTransaction t = toServer ? request.tx : response.tx;
    if (t == null) {
      return null;
    }
    boolean inBody =
        toServer
            ? t.requestHeadersDone && !t.requestDone
            : t.responseHeadersDone && !t.responseDone;
    return inBody ? t : null;
  }

  /**
   * Suricata's inspect id in direction {@code toServer}: the number of the oldest transaction whose
   * message in that direction is not complete, or the next number when all are.
   */
  public long inspectId(boolean toServer) {
    HttpTransaction t = toServer ? request.tx : response.tx;
    if (t != null && !(toServer ? t.requestDone : t.responseDone)) {
      return t.id();
    }
    HttpTransaction waiting = toServer ? null : awaiting.peekFirst();
    return waiting != null ? waiting.id() : nextId;
  }

  /**
   * The transaction whose final status line is parsed and its headers not complete (libhtp's
   * response progress "headers"), or null: Suricata inspects the status line and the header fields
   * parsed so far then. A response cut by the server's close in its headers stays here.
   */
  public HttpTransaction responseInHeaders() {
    HttpTransaction t = response.tx;
    return t != null && t.responseSeen && !t.responseHeadersDone ? t : null;
  }

  /** True once the connection became a tunnel (CONNECT 2xx or 101 Switching Protocols). */
  public boolean isTunnel() {
    return tunnel;
  }

  // ---- called by the direction parsers

  NormalizerOptions uriOptions() {
    return uriOptions;
  }

  HttpTransaction newTransaction() {
    HttpTransaction t = new HttpTransaction(nextId++);
    transactions++;
    awaiting.addLast(t);
    if (awaiting.size() > MAX_AWAITING) {
      awaiting.pollFirst();
    }
    return t;
  }

  /**
   * The transactions whose response has not started, oldest first (at most {@link #MAX_AWAITING}):
   * at the flow's end these are logged as they are, as Suricata logs every transaction then.
   */
  public java.util.List<HttpTransaction> awaitingResponses() {
    return java.util.List.copyOf(awaiting);
  }

  HttpTransaction peekAwaitingResponse() {
    return awaiting.peekFirst();
  }

  HttpTransaction takeAwaitingResponse() {
    HttpTransaction t = awaiting.pollFirst();
    if (t == null) {
      t = new HttpTransaction(nextId++);
      transactions++;
      t.requestDone = true;
      t.noRequest = true;
      // as libhtp, the transaction's URI says that no request was seen
      t.rawUri = NO_REQUEST_URI.clone();
      t.normalizedUri = NO_REQUEST_URI.clone();
      event(t, HttpEvent.UNABLE_TO_MATCH_RESPONSE_TO_REQUEST);
    }
    return t;
  }

  void event(HttpTransaction tx, HttpEvent e) {
    if (eventCounts == null) {
      eventCounts = new long[EVENTS];
    }
    eventCounts[e.ordinal()]++;
    if (tx != null) {
      tx.events.add(e);
    }
    listener.onEvent(tx, e);
  }

  void requestHeaders(HttpTransaction tx) {
    listener.onRequestHeaders(tx);
  }

  void requestComplete(HttpTransaction tx) {
    listener.onRequestComplete(tx);
  }

  void requestFinalized(HttpTransaction tx) {
    listener.onRequestFinalized(tx);
  }

  void responseHeaders(HttpTransaction tx) {
    listener.onResponseHeaders(tx);
  }

  void responseComplete(HttpTransaction tx) {
    listener.onResponseComplete(tx);
  }

  void tunnel() {
    tunnel = true;
    request.connectAnswered(true);
    request.tunnel();
    response.tunnel();
  }

  void connectRefused() {
    request.connectAnswered(false);
  }
}
