package org.vigil.app.http;

import java.util.ArrayDeque;
import java.util.function.IntPredicate;
import org.vigil.app.AppAdmission;
import org.vigil.app.AppUnit;
import org.vigil.app.UnitPrefilter;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * The units one HTTP connection's transactions give detection, per direction, as Suricata 7
 * inspects them: a completed message with every buffer (waiting for the next pass of its
 * direction), a message in its body with its header buffers and the body's window ({@link
 * BodyWindow}), a response still in its headers with what is parsed of them; and which rules each
 * evaluates and lets alert ({@link EarlyPass}: a rule matched before the message completed).
 */
final class HttpUnits {
  private final HttpConnectionParser parser;
  private final HttpConfig config;
  private final UnitPrefilter prefilter;

  /**
   * Per direction (0 requests, 1 responses): the completed messages waiting for a packet of their
   * direction.
   */
  @SuppressWarnings("unchecked")
  private final ArrayDeque<HttpTransaction>[] completed =
      new ArrayDeque[] {new ArrayDeque<HttpTransaction>(), new ArrayDeque<HttpTransaction>()};

  /** Per direction (0 requests, 1 responses): the message inspected before its body completed. */
  private final EarlyPass[] early = {new EarlyPass(), new EarlyPass()};

  /**
   * The units of {@code parser}'s transactions under {@code config}, rules found by {@code
   * prefilter} when a trailer asks for them again.
   */
  HttpUnits(HttpConnectionParser parser, HttpConfig config, UnitPrefilter prefilter) {
    this.parser = parser;
    this.config = config;
    this.prefilter = prefilter;
  }

  /** {@code tx}'s message of direction {@code toServer} completed: it waits for a pass of it. */
  void completed(HttpTransaction tx, boolean toServer) {
    completed[toServer ? 0 : 1].add(tx);
  }

  /** The completed messages of direction {@code toServer} waiting for a detection pass of it. */
  void flushCompleted(boolean toServer, UnitSink out) {
    ArrayDeque<HttpTransaction> q = completed[toServer ? 0 : 1];
    for (HttpTransaction tx = q.poll(); tx != null; tx = q.poll()) {
      inspectCompleted(tx, toServer, out);
    }
  }

  /**
   * The transaction whose message of direction {@code toServer} has its headers parsed but not its
   * body: the first pass after the headers with the buffers final by then (request line, headers,
   * cookies, status), and, once the body buffered reaches Suricata's minimal inspect size, every
   * pass that finds new body bytes with the body window beside them. False when no message of the
   * direction is in its body.
   */
  boolean inspectInBody(boolean toServer, UnitSink out) {
    HttpTransaction tx = parser.messageInBody(toServer);
    if (tx == null) {
      return false;
    }
    EarlyPass e = toServer ? early[0] : early[1];
    boolean first = tx != e.tx || !e.headersSeen;
    if (tx != e.tx) {
      e.start(tx, toServer ? BodyWindow.request(config) : BodyWindow.response(config));
    }
    e.headersSeen = true;
    long kept = toServer ? tx.clientBodyKept() : tx.fileDataKept();
    long offset = e.body.next(kept, false);
    if (!first && offset < 0) {
      return true;
    }
    out.inspect(
        new AppUnit(
            toServer,
            tx,
            b -> {
              if (toServer) {
                HttpUnitBuffers.fillRequestHeaders(b, tx);
              } else {
                HttpUnitBuffers.fillResponseHeaders(b, tx);
              }
              if (offset >= 0) {
                HttpUnitBuffers.putFrom(
                    b,
                    toServer ? Buffers.HTTP_CLIENT_BODY : Buffers.FILE_DATA,
                    toServer ? tx.requestBody : tx.responseBody,
                    offset);
              }
            },
            e.admission(tx)));
    return true;
  }

  /**
   * As Suricata, on a pass to the client after new server data (or at flow end): the response whose
   * status line is parsed and its headers not complete, with the buffers filled by then (status
   * line, single fields parsed so far). A rule matched here is not evaluated again for the
   * response.
   */
  void inspectResponseInHeaders(UnitSink out) {
    HttpTransaction tx = parser.responseInHeaders();
    if (tx == null) {
      return;
    }
    EarlyPass e = early[1];
    if (tx != e.tx) {
      e.start(tx, BodyWindow.response(config));
    }
    out.inspect(
        new AppUnit(
            false,
            tx,
            b -> {
              HttpUnitBuffers.fillRequestLine(b, tx);
              HttpFieldBuffers.fillResponseInHeaders(b, tx);
            },
            e.admission(tx)));
  }

  /** {@code tx}'s completed message of direction {@code toServer}, with every buffer. */
  void inspectCompleted(HttpTransaction tx, boolean toServer, UnitSink out) {
    if (toServer) {
      inspectRequest(tx, out);
    } else {
      inspectResponse(tx, out);
    }
  }

  private void inspectRequest(HttpTransaction tx, UnitSink out) {
    long offset = finalBodyOffset(early[0], tx, tx.clientBodyKept());
    out.inspect(
        new AppUnit(
            true,
            tx,
            b -> {
              HttpUnitBuffers.fillRequestHeaders(b, tx);
              HttpUnitBuffers.putFrom(b, Buffers.HTTP_CLIENT_BODY, tx.requestBody, offset);
            },
            admission(early[0], tx, tx.requestHasTrailer())));
    early[0].reset(tx);
  }

  private void inspectResponse(HttpTransaction tx, UnitSink out) {
    long offset = finalBodyOffset(early[1], tx, tx.fileDataKept());
    out.inspect(
        new AppUnit(
            false,
            tx,
            b -> {
              HttpUnitBuffers.fillResponseHeaders(b, tx);
              HttpUnitBuffers.putFrom(b, Buffers.FILE_DATA, tx.responseBody, offset);
            },
            admission(early[1], tx, tx.responseHasTrailer())));
    early[1].reset(tx);
  }

  /**
   * Where the body buffer of a completed message starts: the whole body, unless passes before its
   * completion inspected part of it (then the window after what they saw, or no body buffer, -1,
   * when nothing is new).
   */
  private static long finalBodyOffset(EarlyPass e, HttpTransaction tx, long kept) {
    if (e.tx != tx || e.body == null || !e.body.started()) {
      return 0;
    }
    return e.body.next(kept, true);
  }

  /**
   * How the inspection of a completed message of {@code tx} treats the rules: a rule that matched
   * the message's headers before its body completed has a final match (Suricata keeps it, or its
   * prefilter does not find the rule again) and is not evaluated again, except, as in Suricata 7, a
   * rule whose fast pattern is in http_header when the message had a chunked body with a trailer
   * section: Suricata keeps no state for a rule matched past its prefilter's progress, and libhtp's
   * trailer hook, which runs after every chunked body, makes Suricata's trailer prefilter scan the
   * whole header buffer again, so the rule is a candidate once more and alerts a second time. Other
   * rules alert once per transaction.
   */
  private AppAdmission admission(EarlyPass e, HttpTransaction tx, boolean trailer) {
    if (e.tx != tx || e.matched.isEmpty()) {
      return tx::firstAlert;
    }
    return new AppAdmission() {
      private IntPredicate headerCandidates;

      @Override
      public boolean evaluate(int rule) {
        if (!e.matched.get(rule)) {
          return true;
        }
        if (!trailer) {
          return false;
        }
        if (headerCandidates == null) {
          headerCandidates = prefilter.candidates(Buffers.HTTP_HEADER);
        }
        return headerCandidates.test(rule);
      }

      @Override
      public boolean admit(int rule) {
        return tx.firstAlert(rule) || e.matched.get(rule);
      }
    };
  }
}
