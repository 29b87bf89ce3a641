package org.vigil.app.http;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which of a transaction's events Suricata 7 writes as EVE anomaly records, and when: its anomaly
 * logger writes a transaction's new events after the packet whose parsing raised them. libhtp
 * reports some events as warnings without an event, and Suricata records its transaction flags at
 * three points of the request (its line, its headers, its end), each time every flag set by then.
 */
final class HttpAnomalies {
  private HttpAnomalies() {}

  /**
   * Events Suricata 7.0.10 names but writes no EVE anomaly record of (on the zeek captures where
   * Vigil raises them, its eve.json has none: libhtp reports them as warnings without an event).
   */
  private static final Set<HttpEvent> NOT_LOGGED =
      EnumSet.of(
          HttpEvent.REQUEST_LINE_INVALID,
          HttpEvent.REQUEST_LINE_MISSING_PROTOCOL,
          HttpEvent.REQUEST_HEADER_INVALID,
          HttpEvent.REQUEST_HEADER_REPETITION,
          HttpEvent.RESPONSE_HEADER_REPETITION);

  /**
   * The events Suricata records from libhtp's transaction flags (host checks), in the order it
   * checks them: at the request's headers and again at its end, each time recording every flag set;
   * the URI's host also after the request line.
   */
  private static final List<HttpEvent> FLAGS =
      List.of(
          HttpEvent.MISSING_HOST_HEADER,
          HttpEvent.HOST_HEADER_AMBIGUOUS,
          HttpEvent.REQUEST_URI_HOST_INVALID,
          HttpEvent.REQUEST_HEADER_HOST_INVALID);

  /**
   * The record to write for event {@code e} just raised on {@code tx}, or null: none for an event
   * Suricata does not log, for the flags and the Authorization check (written at the request's
   * checkpoints, {@link #atRequestHeaders} and {@link #atRequestEnd}) and for an event already
   * written for {@code tx}; an unexpected body line is written each time.
   */
  static String raised(HttpTransaction tx, HttpEvent e) {
    if (e.suricataName() == null
        || NOT_LOGGED.contains(e)
        || FLAGS.contains(e)
        || e == HttpEvent.REQUEST_AUTH_UNRECOGNIZED) {
      return null;
    }
    if (e != HttpEvent.REQUEST_BODY_UNEXPECTED && !tx.eventsWritten.add(e)) {
      return null;
    }
    return name(e);
  }

  /**
   * The records Suricata writes when a request's line and headers are parsed: the URI's host once
   * for the request line, then, when a flag is set, every flag and an unrecognized Authorization.
   */
  static List<String> atRequestHeaders(HttpTransaction tx) {
    List<String> out = new ArrayList<>(4);
    if (tx.events.contains(HttpEvent.REQUEST_URI_HOST_INVALID)) {
      out.add(name(HttpEvent.REQUEST_URI_HOST_INVALID));
    }
    if (flagged(tx)) {
      flags(tx, out);
    }
    return out;
  }

  /**
   * The records Suricata writes when a request completes: every flag set and an unrecognized
   * Authorization.
   */
  static List<String> atRequestEnd(HttpTransaction tx) {
    List<String> out = new ArrayList<>(4);
    if (flagged(tx)) {
      flags(tx, out);
    } else if (tx.events.contains(HttpEvent.REQUEST_AUTH_UNRECOGNIZED)) {
      out.add(name(HttpEvent.REQUEST_AUTH_UNRECOGNIZED));
    }
    return out;
  }

  private static void flags(HttpTransaction tx, List<String> out) {
    for (HttpEvent f : FLAGS) {
      if (tx.events.contains(f)) {
        out.add(name(f));
      }
    }
    if (tx.events.contains(HttpEvent.REQUEST_AUTH_UNRECOGNIZED)) {
      out.add(name(HttpEvent.REQUEST_AUTH_UNRECOGNIZED));
    }
  }

  private static boolean flagged(HttpTransaction tx) {
    for (HttpEvent f : FLAGS) {
      if (tx.events.contains(f)) {
        return true;
      }
    }
    return false;
  }

  private static String name(HttpEvent e) {
    return e.suricataName().toUpperCase(Locale.ROOT);
  }
}
