package org.vigil.detect;

import java.util.Arrays;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.PatternHits;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.detect.artifact.Prefilter;

/**
 * The candidates stage of a detector, which remembers its last prefilter scans of large buffers:
 * per scan the candidates it gave and a copy of the bytes, so that an inspection handing the same
 * bytes to the same groups' prefilters again (a transaction's buffers on each of its passes, a raw
 * chunk the transaction rules read again) takes the candidates without a scan, and one whose buffer
 * starts with bytes scanned before (an HTTP body grown since its last pass) scans only the bytes
 * after them. A buffer's candidates depend only on its bytes, the groups and the scope, so the
 * candidates are those of a scan. Not thread-safe: one per detector.
 */
final class ScanMemo {
  /** Buffers shorter than this are scanned directly: keeping them would cost what a scan does. */
  static final int MIN_BYTES = 64;

  /** Buffers longer than this are scanned directly, so the copies kept stay small. */
  static final int MAX_BYTES = 256 * 1024;

  private static final int SLOTS = 16;

  /** One remembered scan: the groups, buffer and scope it was for, its bytes and candidates. */
  private static final class Entry {
    int buffer = -1;
    PortGroup group;
    PortGroup any;
    int scope;
    byte[] bytes = new byte[0];
    int len;
    int[] rules = new int[16];
    int count;

    void clear() {
      buffer = -1;
      group = null;
      any = null;
      len = 0;
      count = 0;
    }
  }

  private final Entry[] entries = new Entry[SLOTS];
  private int victim;
  private CandidateSet scratch;

  /** Scans avoided and bytes not scanned thanks to them (for statistics). */
  private long reused;

  private long bytesSaved;

  /** Raw chunk bytes not scanned, their packets' kept scans taken instead (see StreamHits). */
  private long streamBytesSaved;

  ScanMemo() {
    for (int i = 0; i < SLOTS; i++) {
      entries[i] = new Entry();
    }
  }

  /** Forgets every scan (a new ruleset: its groups and rule numbers differ). */
  void clear(int ruleCount) {
    for (Entry e : entries) {
      e.clear();
    }
    scratch = new CandidateSet(ruleCount);
  }

  /** Bytes a scan would have read that the memo answered. */
  long bytesSaved() {
    return bytesSaved;
  }

  /** Raw chunk bytes whose scan was taken from their packets' kept scans. */
  long streamBytesSaved() {
    return streamBytesSaved;
  }

  /** Buffers whose candidates came from the memo, whole or in part. */
  long reused() {
    return reused;
  }

  /**
   * Adds the candidate rules of an inspection of scope {@code scope} to {@code out}, as {@link
   * Ruleset#candidates(InspectionContext, CandidateSet, int)} does; {@code remember} false scans
   * every buffer directly (an inspection whose bytes are not seen again).
   */
  void candidates(
      Ruleset rs, InspectionContext ctx, CandidateSet out, int scope, boolean remember) {
    candidates(rs, ctx, out, scope, remember, null, scope);
  }

  /**
   * As {@link #candidates(Ruleset, InspectionContext, CandidateSet, int, boolean)}, the payload
   * being stream bytes that {@code hits} (when not null and armed) keeps the scan of (a packet's)
   * or answers the scan of from the scans it keeps (a raw chunk's); either scan looks for the
   * patterns of the rules of {@code keptScope}, which holds the bits of {@code scope}.
   */
  void candidates(
      Ruleset rs,
      InspectionContext ctx,
      CandidateSet out,
      int scope,
      boolean remember,
      StreamHits hits,
      int keptScope) {
    int pc = Ruleset.protoClass(ctx.ipProto);
    PortGroup any = rs.anyGroup(pc);
    PortGroup g = pc == Ruleset.OTHER ? null : rs.portGroup(pc, ctx.dstPort);
    byte[] scopes = rs.scopes();
    any.unscanned(ctx, out);
    if (g != null) {
      g.unscanned(ctx, out);
    }
    for (int b = 0; b < Buffers.COUNT; b++) {
      int len = ctx.len[b];
      if (len <= 0) {
        continue;
      }
      Prefilter mine = g == null ? null : g.prefilter(b);
      Prefilter theirs = any.prefilter(b);
      if (mine == null && theirs == null) {
        continue;
      }
      StreamHits h = b == Buffers.PAYLOAD ? hits : null;
      if (h != null && h.recording()) {
        h.record(mine, theirs, ctx.data[b], ctx.off[b], len, out, scopes, keptScope);
      } else if (!remember || len < MIN_BYTES || len > MAX_BYTES) {
        if (h != null && h.answering()) {
          int scanned =
              h.answer(mine, theirs, ctx.data[b], ctx.off[b], len, out, scopes, keptScope);
          streamBytesSaved += len - scanned;
        } else {
          scan(mine, theirs, ctx.data[b], ctx.off[b], 0, len, out, scopes, scope, null);
        }
      } else {
        StreamHits answer = h != null && h.answering() ? h : null;
        int sc = answer != null ? keptScope : scope;
        remembered(b, g, any, mine, theirs, ctx.data[b], ctx.off[b], len, out, scopes, sc, answer);
      }
    }
  }

  /**
   * Scans {@code data[off+from .. off+len)} with the prefilters present, positions counted from
   * {@code off}, telling {@code hits} (when not null) of each occurrence.
   */
  static void scan(
      Prefilter mine,
      Prefilter theirs,
      byte[] data,
      int off,
      int from,
      int len,
      CandidateSet out,
      byte[] scopes,
      int scope,
      PatternHits hits) {
    if (mine != null && theirs != null) {
      mine.scanWithFrom(theirs, data, off, from, len, out, scopes, scope, hits);
    } else {
      (mine != null ? mine : theirs).scanFrom(data, off, from, len, out, scopes, scope, hits);
    }
  }

  private void remembered(
      int b,
      PortGroup g,
      PortGroup any,
      Prefilter mine,
      Prefilter theirs,
      byte[] data,
      int off,
      int len,
      CandidateSet out,
      byte[] scopes,
      int scope,
      StreamHits answer) {
    Entry prefix = null;
    for (Entry e : entries) {
      if (e.buffer != b || e.group != g || e.any != any || !covers(e.scope, scope) || e.len > len) {
        continue;
      }
      if (!Arrays.equals(e.bytes, 0, e.len, data, off, off + e.len)) {
        continue;
      }
      if (e.len == len) {
        addAll(e, out);
        reused++;
        bytesSaved += len;
        return;
      }
      if (prefix == null || e.len > prefix.len) {
        prefix = e;
      }
    }
    CandidateSet s = scratch;
    s.clear();
    int from = 0;
    Entry e = prefix;
    if (e != null) {
      // an occurrence starting in the last bytes seen may run past them: those are scanned again
      int reach =
          Math.max(
              mine == null ? 0 : mine.longestPattern(),
              theirs == null ? 0 : theirs.longestPattern());
      from = Math.max(0, e.len - Math.max(0, reach - 1));
      addAll(e, s);
      reused++;
      bytesSaved += from;
      scope = e.scope; // the entry stays the scan of its own scope
    } else {
      e = entries[victim];
      victim = (victim + 1) % SLOTS;
      e.buffer = b;
      e.group = g;
      e.any = any;
      e.scope = scope;
      e.len = 0;
    }
    if (from == 0 && answer != null) {
      streamBytesSaved += len - answer.answer(mine, theirs, data, off, len, s, scopes, scope);
    } else {
      scan(mine, theirs, data, off, from, len, s, scopes, scope, null);
    }
    if (e.bytes.length < len) {
      e.bytes = Arrays.copyOf(e.bytes, Math.max(len, Math.min(MAX_BYTES, 2 * e.bytes.length)));
    }
    System.arraycopy(data, off + e.len, e.bytes, e.len, len - e.len);
    e.len = len;
    int n = 0;
    for (int r = s.next(0); r >= 0; r = s.next(r + 1)) {
      if (n == e.rules.length) {
        e.rules = Arrays.copyOf(e.rules, 2 * n);
      }
      e.rules[n++] = r;
    }
    e.count = n;
    addAll(e, out);
  }

  /**
   * True when a scan of scope {@code scanned} gives every candidate a scan of scope {@code wanted}
   * gives to the rules of that scope (it looks for the patterns of those rules and maybe others).
   */
  static boolean covers(int scanned, int wanted) {
    return org.vigil.detect.artifact.ScanKey.covers(scanned, wanted);
  }

  private static void addAll(Entry e, CandidateSet out) {
    int[] rules = e.rules;
    for (int i = 0, n = e.count; i < n; i++) {
      out.add(rules[i]);
    }
  }
}
