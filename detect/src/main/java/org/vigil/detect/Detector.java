package org.vigil.detect;

import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.RuleMatcher;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.detect.artifact.ScanKey;

/**
 * The per-thread detection loop: selects the signature groups for an inspection, runs their
 * prefilters over the buffers present, evaluates every candidate rule's generated code in rule
 * order (so flowbits set by an earlier rule are seen by later ones), applies thresholds and reports
 * alerts. A matching pass rule ends the inspection. Not thread-safe: one per thread.
 */
public final class Detector {
  private static final System.Logger LOG = System.getLogger(Detector.class.getName());
  private Ruleset ruleset;
  private CandidateSet candidates;
  private final RateLimiter rateLimiter;

  /** The candidates stage, remembering its scans of the buffers inspected again. */
  private final ScanMemo scans = new ScanMemo();

  /** The ruleset has rules mixing app-layer buffers with raw payload ({@code ON_TX_STREAM}). */
  private boolean txStreamRules;

  /** {@link ScanKey#ruleBits} per rule, for the scope and flow tests in the candidate loop. */
  private byte[] scopes;

  private long inspections;
  private long candidatesEvaluated;
  private long matches;
  private RuleMeta passRule;
  private boolean failureLogged;

  /** A detector over {@code ruleset} with its own threshold state. */
  public Detector(Ruleset ruleset) {
    this(ruleset, new RateLimiter());
  }

  /**
   * A detector over {@code ruleset} sharing {@code rateLimiter} (for example across a flow
   * partition).
   */
  public Detector(Ruleset ruleset, RateLimiter rateLimiter) {
    this.rateLimiter = rateLimiter;
    use(ruleset);
  }

  /**
   * Evaluates {@code next} from the next inspection on (a rule reload, between packets); the
   * counters and the threshold state go on.
   */
  public void use(Ruleset next) {
    this.candidates = new CandidateSet(next.size());
    scans.clear(next.size());
    boolean tx = false;
    for (int r = 0; r < next.size() && !tx; r++) {
      tx = (next.scopes()[r] & RuleMeta.ON_TX_STREAM) != 0;
    }
    this.txStreamRules = tx;
    this.scopes = next.scopes();
    this.ruleset = next;
  }

  /** The ruleset evaluated. */
  public Ruleset ruleset() {
    return ruleset;
  }

  /**
   * Inspects one filled context (a packet, a raw stream chunk or an HTTP transaction); returns the
   * number of alerts given to {@code sink}. {@code timeMicros} is the packet time (thresholds).
   */
  public int inspect(InspectionContext ctx, long timeMicros, AlertSink sink) {
    return inspect(ctx, timeMicros, sink, 0);
  }

  /**
   * As {@link #inspect(InspectionContext, long, AlertSink)}, evaluating only the rules whose {@link
   * RuleMeta#scope()} has a bit of {@code scope} ({@link RuleMeta#ON_STREAM} for a raw stream
   * chunk, {@link RuleMeta#ON_STORED_PACKET} for a packet whose payload went into the stream, both
   * for a transaction, {@link RuleMeta#ON_TX_STREAM} for a transaction with its raw stream data); 0
   * evaluates every rule (a packet not stored in a stream).
   */
  public int inspect(InspectionContext ctx, long timeMicros, AlertSink sink, int scope) {
    return inspect(ctx, timeMicros, sink, scope, true);
  }

  /**
   * As {@link #inspect(InspectionContext, long, AlertSink, int)}; {@code ipOnlyRules} false skips
   * the {@link RuleMeta#IP_ONLY} rules (a packet of a flow whose direction already had its first
   * packet inspected, as Suricata's IP-only engine).
   */
  public int inspect(
      InspectionContext ctx, long timeMicros, AlertSink sink, int scope, boolean ipOnlyRules) {
    return inspect(ctx, timeMicros, sink, scope, ipOnlyRules, null);
  }

  /**
   * As {@link #inspect(InspectionContext, long, AlertSink, int, boolean)}, the payload being bytes
   * of a TCP stream direction whose packet scans {@code hits} keeps (when not null): armed with
   * {@link StreamHits#packet} the payload's scan also looks for the patterns of the stream rules
   * and is kept, armed with {@link StreamHits#chunk} a raw chunk's scan takes the kept scans of the
   * packets it holds. Either way the candidates are those of a plain scan.
   */
  public int inspect(
      InspectionContext ctx,
      long timeMicros,
      AlertSink sink,
      int scope,
      boolean ipOnlyRules,
      StreamHits hits) {
    inspections++;
    passRule = null;
    ctx.hostBits = rateLimiter.hostBits();
    ctx.timeMicros = timeMicros;
    CandidateSet cs = candidates;
    cs.clear();
    // the prefilters look only for the patterns of the rules the scope evaluates. On a flow with
    // an app layer, the buffers of stream chunks and app-layer units come again (the transaction
    // rules reading raw stream data, a body grown since): their scans are remembered, and look for
    // the transaction rules' patterns too, so that those passes find every buffer already scanned
    // the flow facts the context lacks leave out the rules whose flow: option needs them
    int flow = ScanKey.flowKey(ctx.flowFlags);
    boolean app = ctx.appProto != org.vigil.detect.api.AppProtos.UNKNOWN;
    int scanScope =
        (app && txStreamRules && scope == RuleMeta.ON_STREAM ? TX_PASSES : scope) | flow;
    if (hits != null && !keepStreamHits) {
      hits.finish();
      hits = null;
    }
    // a stream's packets and raw chunks look for the patterns of both passes' rules in their
    // payload (and of the transaction rules', whose raw part reads the chunks of a flow that may
    // have an app layer by then), so that a chunk can take the scans of the packets it holds
    int keptScope = RuleMeta.EVERYWHERE | (txStreamRules ? RuleMeta.ON_TX_STREAM : 0) | flow;
    scans.candidates(ruleset, ctx, cs, scanScope, app && (scope & TX_PASSES) != 0, hits, keptScope);
    if (hits != null) {
      hits.finish();
    }
    int alerts = 0;
    boolean noPayload = ctx.len[Buffers.PAYLOAD] <= 0;
    for (int r = cs.next(0); r >= 0; r = cs.next(r + 1)) {
      if (scope != 0 && (scopes[r] & scope) == 0) {
        continue;
      }
      if ((scopes[r] & flow) != 0) {
        continue;
      }
      if (noPayload && (scopes[r] & RuleMeta.NEEDS_PAYLOAD) != 0) {
        continue;
      }
      if (!ipOnlyRules && (scopes[r] & RuleMeta.IP_ONLY) != 0) {
        continue;
      }
      if (!sink.evaluate(r)) {
        continue;
      }
      candidatesEvaluated++;
      int res = evaluate(r, ctx);
      if (res == RuleMatcher.NO_MATCH) {
        continue;
      }
      matches++;
      RuleMeta m = ruleset.meta(r);
      sink.matched(m);
      if (m.isPass()) {
        passRule = m;
        break;
      }
      if (res == RuleMatcher.ALERT && sink.admit(m, ctx) && rateLimiter.allow(m, ctx, timeMicros)) {
        sink.alert(m, ctx);
        alerts++;
      }
    }
    return alerts;
  }

  /** The scopes of a flow's stream chunks, app-layer units and transaction raw-stream passes. */
  private static final int TX_PASSES = RuleMeta.ON_STREAM | RuleMeta.ON_TX_STREAM;

  /** Whether stream inspections take their packets' scans (see {@link StreamHits}). */
  private boolean keepStreamHits = true;

  /**
   * Turns the use of {@link StreamHits} on (the default) or off: off, every buffer is scanned as it
   * comes (for comparisons).
   */
  public void keepStreamHits(boolean on) {
    keepStreamHits = on;
  }

  /** Buffers whose candidates a remembered scan gave, whole or in part. */
  public long scansReused() {
    return scans.reused();
  }

  /** Raw chunk bytes not scanned again, the kept scans of their packets taken instead. */
  public long streamScanBytesSaved() {
    return scans.streamBytesSaved();
  }

  /** Buffer bytes those remembered scans did not have to read again. */
  public long scanBytesSaved() {
    return scans.bytesSaved();
  }

  /**
   * Runs rule {@code r}'s code: a rule that throws (or overflows the stack) does not match, is
   * counted in the ruleset's {@link org.vigil.detect.api.RuleGuard}, and is disabled for the rest
   * of the flow; the inspection goes on with the other rules.
   */
  private int evaluate(int r, InspectionContext ctx) {
    org.vigil.detect.api.FlowBits flow = ctx.flowbits;
    if (flow != null && flow.ruleFailed(r)) {
      return RuleMatcher.NO_MATCH;
    }
    try {
      return ruleset.matcher(r).match(r, ctx);
    } catch (RuntimeException | StackOverflowError e) {
      ruleset.guard().ruleError();
      if (flow != null) {
        flow.ruleFails(r);
      }
      if (!failureLogged) {
        failureLogged = true;
        RuleMeta m = ruleset.meta(r);
        LOG.log(
            System.Logger.Level.WARNING,
            "rule "
                + m.gid()
                + ":"
                + m.sid()
                + " failed ("
                + e
                + "); it does not match there and is disabled for the flow; further failures are only counted");
      }
      return RuleMatcher.NO_MATCH;
    }
  }

  /** The pass rule that ended the last inspection, or null when none matched. */
  public RuleMeta passRule() {
    return passRule;
  }

  /** Inspections run. */
  public long inspections() {
    return inspections;
  }

  /** Candidate rules whose code ran. */
  public long candidatesEvaluated() {
    return candidatesEvaluated;
  }

  /** Rules that matched (alerting or not). */
  public long matches() {
    return matches;
  }

  /** The threshold state. */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }
}
