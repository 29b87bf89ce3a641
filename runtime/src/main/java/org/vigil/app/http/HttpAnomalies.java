package org.vigil.app.http;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which of a transaction's events Suricata 7 writes as EVE anomaly records, and how often: libhtp
 * reports some as warnings without an event, and Suricata records its transaction flags more than
 * once.
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
   * The events Suricata records from libhtp's transaction flags (host checks): it looks at the
   * flags at the request's headers and again at its end, each time recording every flag set.
   */
  private static final Set<HttpEvent> FLAGS =
      EnumSet.of(
          HttpEvent.MISSING_HOST_HEADER,
          HttpEvent.HOST_HEADER_AMBIGUOUS,
          HttpEvent.REQUEST_HEADER_HOST_INVALID,
          HttpEvent.REQUEST_URI_HOST_INVALID);

  /**
   * The events Suricata also logs, by the names its EVE anomaly records give them, each as often as
   * Suricata records it: a host flag at the headers and at the request's end (twice), the URI's
   * host also after the request line (three times); an unrecognized Authorization at the end, and
   * at the headers too when a flag is set then; an unexpected body line each time.
   */
  static List<String> of(HttpTransaction tx) {
    List<String> out = new ArrayList<>();
    boolean flagged = tx.events.stream().anyMatch(FLAGS::contains);
    for (HttpEvent e : tx.events) {
      if (e.suricataName() != null && !NOT_LOGGED.contains(e)) {
        int times =
            e == HttpEvent.REQUEST_URI_HOST_INVALID
                ? 3
                : e == HttpEvent.REQUEST_BODY_UNEXPECTED
                    ? tx.unexpectedBodyLines
                    : FLAGS.contains(e) || (flagged && e == HttpEvent.REQUEST_AUTH_UNRECOGNIZED)
                        ? 2
                        : 1;
        for (int i = 0; i < times; i++) {
          out.add(e.suricataName().toUpperCase(Locale.ROOT));
        }
      }
    }
    return out;
  }
}
