package org.vigil.app.http;

import java.util.ArrayList;
import java.util.List;
import org.vigil.app.AppControl;

/**
 * What Suricata's loggers write of an HTTP connection's transactions when: parser events as EVE
 * anomaly records after the packet that raised them ({@link HttpAnomalies}), a request's flags at
 * its headers and at its end (for a refused CONNECT, once libhtp finalizes it), and a response that
 * answered no request logged only once the client's direction is parsed again (libhtp completes its
 * request-less transaction's request then) or the flow ends.
 */
final class HttpEventLog {
  private final AppControl control;

  /** CONNECT requests complete but not finalized by libhtp: their request-end events wait. */
  private final List<HttpTransaction> unfinalized = new ArrayList<>(1);

  /** Completed responses that answered no request, not logged yet. */
  private final List<HttpTransaction> unmatched = new ArrayList<>(1);

  HttpEventLog(AppControl control) {
    this.control = control;
  }

  /** An event was raised on {@code tx} (null: none). */
  void raised(HttpTransaction tx, HttpEvent event) {
    String name = tx == null ? null : HttpAnomalies.raised(tx, event);
    if (name != null) {
      control.logEvents(tx, "http", List.of(name));
    }
  }

  /** The request's line and headers are parsed. */
  void requestHeaders(HttpTransaction tx) {
    write(tx, HttpAnomalies.atRequestHeaders(tx));
  }

  /** The request completed (libhtp may not have finalized it: a CONNECT waiting). */
  void requestComplete(HttpTransaction tx) {
    if (tx.requestFinalizePending()) {
      unfinalized.add(tx);
    } else {
      write(tx, HttpAnomalies.atRequestEnd(tx));
    }
  }

  /** libhtp finalized a refused CONNECT. */
  void requestFinalized(HttpTransaction tx) {
    if (unfinalized.remove(tx)) {
      write(tx, HttpAnomalies.atRequestEnd(tx));
    }
  }

  /** A response completed: false when it answered no request (it is logged later). */
  boolean logNow(HttpTransaction tx) {
    if (tx.noRequest()) {
      unmatched.add(tx);
      return false;
    }
    return true;
  }

  /**
   * The client's direction is parsed again (data or its end), or the flow ends: the responses that
   * answered no request and wait are handed out (libhtp completes their request side now).
   */
  List<HttpTransaction> takeUnmatched() {
    if (unmatched.isEmpty()) {
      return List.of();
    }
    List<HttpTransaction> out = List.copyOf(unmatched);
    unmatched.clear();
    return out;
  }

  /** The flow ended: the request-end events still waiting are written. */
  void flowEnded() {
    for (HttpTransaction tx : unfinalized) {
      write(tx, HttpAnomalies.atRequestEnd(tx));
    }
    unfinalized.clear();
  }

  private void write(HttpTransaction tx, List<String> names) {
    if (!names.isEmpty()) {
      control.logEvents(tx, "http", names);
    }
  }
}
