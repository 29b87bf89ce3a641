package org.vigil.compiler.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.vigil.compiler.analysis.AddressSets;
import org.vigil.compiler.analysis.BufferIds;
import org.vigil.compiler.analysis.PcreTranslator;
import org.vigil.compiler.analysis.PortSets;
import org.vigil.compiler.ir.*;
import org.vigil.detect.api.AddressSet;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.IpOptions;
import org.vigil.detect.api.RuleMatcher;

/**
 * The oracle: a plain recursive evaluator of a rule's IR with Snort/Suricata semantics, written for
 * obviousness rather than speed. Generated code must agree with it.
 */
public final class ReferenceInterpreter {
  private final Map<String, Integer> bitIds;
  private final Map<Pcre, Pattern> patterns = new java.util.IdentityHashMap<>();

  /** The sets dataset and datarep options use, kept across evaluations as a run keeps them. */
  private final org.vigil.detect.api.Datasets datasets = org.vigil.detect.api.Datasets.inMemory();

  private final Map<Rule, Object[]> headers = new java.util.IdentityHashMap<>();
  private final Map<PluginOption, org.vigil.detect.api.KeywordPlugin.Prepared> plugins =
      new java.util.IdentityHashMap<>();
  private org.vigil.detect.KeywordPlugins pluginSource;

  public ReferenceInterpreter(Map<String, Integer> bitIds) {
    this.bitIds = bitIds;
  }

  /**
   * NO_MATCH, ALERT or MATCH_NOALERT as {@link RuleMatcher} defines them; applies flowbits actions
   * on a match.
   */
  public int eval(Rule r, InspectionContext c) {
    if (!header(r, c)) {
      return RuleMatcher.NO_MATCH;
    }
    boolean noalert = false;
    // one chain per buffer instance: a transform after options that inspected the buffer starts a
    // transformed instance; selecting the sticky buffer again returns to the untransformed one
    List<Map.Entry<Integer, List<PayloadOption>>> chains = new ArrayList<>();
    Map<Integer, List<PayloadOption>> current = new java.util.HashMap<>();
    for (RuleOption o : r.options()) {
      boolean ok =
          switch (o) {
            case Flow f -> flow(f, c);
            case StreamSize s ->
                c.ipProto == 6
                    && switch (s.side()) {
                      case SERVER -> s.check().test(c.streamServerBytes);
                      case CLIENT -> s.check().test(c.streamClientBytes);
                      case BOTH ->
                          s.check().test(c.streamServerBytes)
                              && s.check().test(c.streamClientBytes);
                      case EITHER ->
                          s.check().test(c.streamServerBytes)
                              || s.check().test(c.streamClientBytes);
                    };
            case Flowbits fb -> {
              if (fb.command() == Flowbits.Command.NOALERT) {
                noalert = true;
              }
              yield flowbitCheck(fb, c);
            }
            case PacketOption p -> packet(p, c);
            case Urilen u -> {
              int id = BufferIds.of(u.buffer(), u.pos());
              yield c.has(id) && u.check().test(c.len[id]);
            }
            case Bsize b -> {
              int id = BufferIds.of(b.buffer(), b.pos());
              yield c.has(id) && b.check().test(c.len[id]);
            }
            case org.vigil.compiler.ir.Xbits _, org.vigil.compiler.ir.Flowint _ ->
                throw new UnsupportedOperationException(
                    o.keyword() + " is not modelled by the reference interpreter");
            case AppLayerProtocol a -> {
              int id = org.vigil.detect.api.AppProtos.id(a.name());
              boolean same =
                  id >= 0
                      && (c.appProto == id
                          || id == org.vigil.detect.api.AppProtos.DCERPC
                              && c.appProto == org.vigil.detect.api.AppProtos.SMB);
              yield same != a.negated();
            }
            case StickyBuffer s -> {
              int id = BufferIds.of(s.buffer(), s.pos());
              current.remove(id);
              for (Map.Entry<Integer, List<PayloadOption>> ch : chains) {
                if (ch.getKey() == id
                    && (ch.getValue().isEmpty() || !(ch.getValue().get(0) instanceof Transform))) {
                  current.put(id, ch.getValue());
                  break;
                }
              }
              yield true;
            }
            case PayloadOption p -> {
              int id = BufferIds.of(p.buffer(), p.pos());
              List<PayloadOption> l = current.get(id);
              if (l != null
                  && p instanceof Transform
                  && l.stream().anyMatch(x -> !(x instanceof Transform))) {
                l = null;
              }
              if (l == null) {
                l = new ArrayList<>();
                chains.add(Map.entry(id, l));
                current.put(id, l);
              }
              l.add(p);
              yield true;
            }
            case org.vigil.compiler.ir.SslState s -> tlsState(s, c);
            case org.vigil.compiler.ir.SslVersion v -> tlsState(v, c);
            case org.vigil.compiler.ir.TlsVersion v -> tlsState(v, c);
            case org.vigil.compiler.ir.DceIface d -> dceIface(d, c);
            case org.vigil.compiler.ir.DceOpnum d -> dceOpnum(d, c);
            case MetaOption _, PostDetectionOption _, AppLayerOption _ -> true;
          };
      if (!ok) {
        return RuleMatcher.NO_MATCH;
      }
    }
    long[] vars = new long[16];
    Map<String, Integer> varIdx = new LinkedHashMap<>();
    for (RuleOption o : r.options()) {
      if (o instanceof ByteExtract be) {
        varIdx.put(be.name(), varIdx.size());
      } else if (o instanceof org.vigil.compiler.ir.ByteMath bm) {
        varIdx.putIfAbsent(bm.result(), varIdx.size());
      }
    }
    base64Chains = new ArrayList<>();
    for (Map.Entry<Integer, List<PayloadOption>> ch : chains) {
      if (ch.getKey() == org.vigil.detect.api.Buffers.BASE64_DATA) {
        base64Chains.add(ch.getValue());
      }
    }
    for (Map.Entry<Integer, List<PayloadOption>> ch : chains) {
      int id = ch.getKey();
      if (id == org.vigil.detect.api.Buffers.BASE64_DATA) {
        continue; // run by the base64_decode of another chain
      }
      if (!c.has(id)) {
        return RuleMatcher.NO_MATCH;
      }
      List<PayloadOption> ops = ch.getValue();
      boolean[] retry = retryable(ops);
      byte[] savedData = c.data[id];
      int savedOff = c.off[id];
      int savedLen = c.len[id];
      byte[] t = null;
      for (PayloadOption o : ops) {
        if (o instanceof Transform tr) {
          byte[] in = t == null ? savedData : t;
          int off = t == null ? savedOff : 0;
          int n = t == null ? savedLen : t.length;
          t =
              tr.argument() == null
                  ? org.vigil.detect.api.Transforms.apply(tr.kind().id(), in, off, n)
                  : org.vigil.detect.api.TransformStep.of(
                          org.vigil.compiler.analysis.TransformChecks.stepSpec(tr))
                      .apply(in, off, n);
        }
      }
      if (t != null) {
        c.setBuffer(id, t, 0, t.length);
      }
      boolean matched = chain(ops, retry, 0, 0, id, c, vars, varIdx);
      c.setBuffer(id, savedData, savedOff, savedLen);
      // asn1 runs once the chain matched, on the packet payload, from the chain's final cursor
      for (PayloadOption o : ops) {
        if (matched && o instanceof Asn1 a) {
          matched = asn1(a, c, endCursor);
        }
      }
      if (!matched) {
        return RuleMatcher.NO_MATCH;
      }
    }
    if (c.flowbits != null) {
      for (Flowbits fb : r.all(Flowbits.class)) {
        for (String n : fb.names()) {
          int b = bitIds.get(n);
          switch (fb.command()) {
            case SET -> c.flowbits.set(b);
            case UNSET -> c.flowbits.unset(b);
            case TOGGLE -> c.flowbits.toggle(b);
            case ISSET, ISNOTSET, NOALERT, RESET -> {}
          }
        }
      }
    }
    return noalert ? RuleMatcher.MATCH_NOALERT : RuleMatcher.ALERT;
  }

  /**
   * dce_iface from Suricata 7.0.10's definition over the call state (see {@link
   * org.vigil.detect.api.DceState}): the request's context names an accepted interface with this
   * UUID, bound in a first fragment unless any_frag, whose major version passes the comparison.
   */
  private static boolean dceIface(org.vigil.compiler.ir.DceIface d, InspectionContext c) {
    int id = org.vigil.detect.api.Buffers.DCE_STATE;
    if (!c.has(id) || c.len[id] < org.vigil.detect.api.DceState.LENGTH) {
      return false;
    }
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.wrap(c.data[id], c.off[id], org.vigil.detect.api.DceState.LENGTH)
            .slice();
    int flags = b.get(org.vigil.detect.api.DceState.FLAGS);
    if ((flags & org.vigil.detect.api.DceState.IFACE_ACCEPTED) == 0
        || !d.anyFrag() && (flags & org.vigil.detect.api.DceState.FIRST_FRAG) == 0) {
      return false;
    }
    java.util.UUID u = new java.util.UUID(b.getLong(0), b.getLong(8));
    int version = b.getShort(org.vigil.detect.api.DceState.VERSION) & 0xFFFF;
    return u.equals(d.uuid()) && (d.version() == null || d.version().test(version));
  }

  /** dce_opnum: the request's opnum is one of the listed numbers or ranges. */
  private static boolean dceOpnum(org.vigil.compiler.ir.DceOpnum d, InspectionContext c) {
    int id = org.vigil.detect.api.Buffers.DCE_STATE;
    if (!c.has(id) || c.len[id] < org.vigil.detect.api.DceState.LENGTH) {
      return false;
    }
    int at = c.off[id] + org.vigil.detect.api.DceState.OPNUM;
    int opnum = (c.data[id][at] & 0xFF) << 8 | (c.data[id][at + 1] & 0xFF);
    for (org.vigil.compiler.ir.DceOpnum.Range r : d.ranges()) {
      if (r.low() <= opnum && opnum <= r.high()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The TLS state keywords from Suricata 7.0.10's definitions, over the TLS state buffer (flags of
   * the current handshake message, the direction's version, its ssl_version bit, the version with
   * drafts as 1.3): ssl_state matches when the listed flags present differ from the negated ones;
   * ssl_version when the version is listed without '!'; tls.version on equality.
   */
  private static boolean tlsState(AppLayerOption o, InspectionContext c) {
    int id = org.vigil.detect.api.Buffers.TLS_STATE;
    int need =
        switch (o) {
          case org.vigil.compiler.ir.SslState s -> 1;
          case org.vigil.compiler.ir.SslVersion v -> 4;
          case org.vigil.compiler.ir.TlsVersion v -> v.raw() ? 3 : 6;
          default -> 0;
        };
    if (!c.has(id) || c.len[id] < need) {
      return false;
    }
    byte[] b = c.data[id];
    int at = c.off[id];
    int flags = b[at] & 0xFF;
    return switch (o) {
      case org.vigil.compiler.ir.SslState s -> {
        int listed = 0;
        int negated = 0;
        for (var i : s.states()) {
          listed |= 1 << i.state().ordinal();
          negated |= i.negated() ? 1 << i.state().ordinal() : 0;
        }
        yield (flags & listed) != negated;
      }
      case org.vigil.compiler.ir.SslVersion v -> {
        int bit = b[at + 3] & 0xFF;
        boolean hit = false;
        for (var i : v.versions()) {
          if (i.negated()) {
            yield false;
          }
          hit |= (bit & (1 << i.version().ordinal())) != 0;
        }
        yield hit;
      }
      case org.vigil.compiler.ir.TlsVersion v -> {
        int p = at + (v.raw() ? 1 : 4);
        yield (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF)) == v.version();
      }
      default -> true;
    };
  }

  /**
   * Which options are retried on their next occurrence, straight from the definition and
   * independent of the compiler's own pass: option {@code k} is retried when some later option is
   * positioned relative to the cursor and {@code k} is that option's anchor, the nearest option
   * before it that can leave a cursor to come back to (a content or pcre that is not negated and
   * not fast_pattern:only). Quadratic on purpose: it scans back from every relative option.
   */
  static boolean[] retryable(List<PayloadOption> ops) {
    boolean[] retry = new boolean[ops.size()];
    for (int j = 0; j < ops.size(); j++) {
      if (positionedByCursor(ops.get(j))) {
        int anchor = anchorBefore(ops, j);
        if (anchor >= 0) {
          retry[anchor] = true;
        }
      }
    }
    return retry;
  }

  /** The index of the nearest option before {@code j} that sets a cursor one can retry, or -1. */
  private static int anchorBefore(List<PayloadOption> ops, int j) {
    for (int i = j - 1; i >= 0; i--) {
      PayloadOption o = ops.get(i);
      boolean anchor =
          o instanceof Content c
              ? !c.negated() && !(c.fastPattern() instanceof FastPattern.Only)
              : o instanceof Pcre p && !p.negated();
      if (anchor) {
        return i;
      }
    }
    return -1;
  }

  /**
   * True when the option reads from the previous match's end: distance/within, /R, or the relative
   * flag.
   */
  private static boolean positionedByCursor(PayloadOption o) {
    return switch (o) {
      case Content c ->
          (c.distance() != null || c.within() != null)
              && !(c.fastPattern() instanceof FastPattern.Only);
      case Pcre p -> p.relative();
      case ByteTest t -> t.relative();
      case ByteJump j -> j.relative();
      case ByteExtract e -> e.relative();
      case org.vigil.compiler.ir.ByteMath m -> m.relative();
      case DatasetMatch _, Datarep _ -> false;
      case IsDataAt i -> i.relative();
      case Base64Decode b -> false; // Suricata: a failed decode does not retry the content before
      case PluginOption x -> x.relative();
      case Urilen _, Bsize _, Transform _, StickyBuffer _, Asn1 _, Ftpbounce _ -> false;
    };
  }

  private static long val(IntArg a, long[] vars, Map<String, Integer> idx) {
    return switch (a) {
      case IntArg.Literal l -> l.value();
      case IntArg.Variable v -> vars[idx.get(v.name())];
    };
  }

  /** Plain search: first p in [start, end - n] where the pattern occurs. */
  private static int search(
      InspectionContext c, int id, int start, int end, byte[] pat, boolean nocase) {
    for (int p = Math.max(0, start); p + pat.length <= end; p++) {
      boolean eq = true;
      for (int j = 0; j < pat.length && eq; j++) {
        int a = c.data[id][c.off[id] + p + j] & 0xff;
        int b = pat[j] & 0xff;
        eq =
            nocase
                ? Character.toLowerCase((char) a) == Character.toLowerCase((char) b)
                    && (a < 128) == (b < 128)
                : a == b;
      }
      if (eq) {
        return p;
      }
    }
    return -1;
  }

  /** The byte order of a read: the DCE/RPC call's with the dce option, else the given one. */
  private static Endian endian(InspectionContext c, boolean dce, Endian given) {
    if (!dce) {
      return given;
    }
    return org.vigil.detect.api.DceState.bigEndian(c) ? Endian.BIG : Endian.LITTLE;
  }

  /** The number read, or null when the read fails (2^63 is a value like any other). */
  private static Long read(
      InspectionContext c, int id, long lpos, int n, Endian endian, NumberEncoding enc) {
    int len = c.len[id];
    if (lpos < 0 || lpos + n > len) {
      return null;
    }
    int pos = (int) lpos;
    if (enc == NumberEncoding.BINARY) {
      long v = 0;
      for (int k = 0; k < n; k++) {
        int b =
            endian == Endian.LITTLE
                ? c.data[id][c.off[id] + pos + n - 1 - k]
                : c.data[id][c.off[id] + pos + k];
        v = v * 256 + (b & 0xff);
      }
      return v;
    }
    // strtoull: C white space, an optional sign (minus negates modulo 2^64), 0x in hex, digits;
    // ERANGE past 64 bits; 0 characters read up to the buffer's end
    int chars = n == 0 ? len - pos : n;
    String s =
        new String(c.data[id], c.off[id] + pos, chars, java.nio.charset.StandardCharsets.ISO_8859_1)
            .replaceFirst("^[ \\t\\n\\u000b\\f\\r]+", "");
    boolean negative = s.startsWith("-");
    if (negative || s.startsWith("+")) {
      s = s.substring(1);
    }
    if (enc == NumberEncoding.HEX
        && (s.startsWith("0x") || s.startsWith("0X"))
        && s.length() > 2
        && Character.digit(s.charAt(2), 16) >= 0) {
      s = s.substring(2);
    }
    int k = 0;
    while (k < s.length() && s.charAt(k) < 128 && Character.digit(s.charAt(k), enc.radix()) >= 0) {
      k++;
    }
    if (k == 0) {
      return null;
    }
    java.math.BigInteger v = new java.math.BigInteger(s.substring(0, k), enc.radix());
    if (v.bitLength() > 64) {
      return null;
    }
    return negative ? -v.longValue() : v.longValue();
  }

  private static long mask(long v, Long bitmask) {
    if (bitmask == null || bitmask == 0) {
      return v;
    }
    long m = bitmask;
    v &= m;
    while ((m & 1) == 0) {
      m >>>= 1;
      v >>>= 1;
    }
    return v;
  }

  private int endCursor;

  /** The rule's base64_data chains, run by each base64_decode. */
  private List<List<PayloadOption>> base64Chains = new ArrayList<>();

  private boolean chain(
      List<PayloadOption> ops,
      boolean[] retry,
      int k,
      int cursor,
      int id,
      InspectionContext c,
      long[] vars,
      Map<String, Integer> idx) {
    if (k == ops.size()) {
      endCursor = cursor;
      return true;
    }
    int len = c.len[id];
    PayloadOption o = ops.get(k);
    switch (o) {
      case Content ct -> {
        byte[] pat = ct.pattern().data();
        if (ct.isFastPatternOnly()) {
          return search(c, id, 0, len, pat, ct.nocase()) >= 0
              && chain(ops, retry, k + 1, cursor, id, c, vars, idx);
        }
        long lstart;
        long lend;
        if (ct.isRelative()) {
          long dist = ct.distance() == null ? 0 : val(ct.distance(), vars, idx);
          lstart = Math.max(0, cursor + dist);
          lend =
              ct.within() == null
                  ? len
                  : Math.min(len, cursor + dist + val(ct.within(), vars, idx));
        } else {
          lstart = ct.offset() == null ? 0 : val(ct.offset(), vars, idx);
          lend = ct.depth() == null ? len : Math.min(len, lstart + val(ct.depth(), vars, idx));
        }
        if (ct.endsWith()) {
          lstart = Math.max(lstart, (long) len - pat.length);
        }
        int start = (int) Math.min(lstart, Integer.MAX_VALUE);
        int end = (int) lend;
        if (ct.negated()) {
          boolean found = lstart <= lend && search(c, id, start, end, pat, ct.nocase()) >= 0;
          return !found && chain(ops, retry, k + 1, cursor, id, c, vars, idx);
        }
        if (lstart > lend) {
          return false;
        }
        int from = start;
        while (true) {
          int p = search(c, id, from, end, pat, ct.nocase());
          if (p < 0) {
            return false;
          }
          if (chain(ops, retry, k + 1, p + pat.length, id, c, vars, idx)) {
            return true;
          }
          if (!retry[k]) {
            return false;
          }
          from = p + 1;
        }
      }
      case Pcre pc -> {
        Pattern pat = patterns.computeIfAbsent(pc, x -> PcreTranslator.translate(x).compile());
        boolean anchored = pc.has(PcreFlag.ANCHORED);
        int from = pc.relative() ? cursor : 0;
        int subject = from; // a retry searches on in the same subject: ^ still means its start
        while (true) {
          if (from > len) {
            return pc.negated() && chain(ops, retry, k + 1, cursor, id, c, vars, idx);
          }
          java.util.regex.Matcher m =
              pat.matcher(
                  new String(
                      c.data[id], c.off[id], len, java.nio.charset.StandardCharsets.ISO_8859_1));
          m.region(from, len);
          if (from > subject) {
            m.useAnchoringBounds(false);
            m.useTransparentBounds(true);
          }
          boolean found = anchored ? m.lookingAt() : m.find();
          if (pc.negated()) {
            return !found && chain(ops, retry, k + 1, cursor, id, c, vars, idx);
          }
          if (!found) {
            return false;
          }
          if (chain(ops, retry, k + 1, m.end(), id, c, vars, idx)) {
            return true;
          }
          if (!retry[k]) {
            return false;
          }
          from = m.start() + 1;
        }
      }
      case IsDataAt i -> {
        long n = val(i.size(), vars, idx);
        boolean data = i.relative() ? cursor + n <= len : n < len;
        return data != i.negated() && chain(ops, retry, k + 1, cursor, id, c, vars, idx);
      }
      case ByteTest t -> {
        if (t.bytes() == 0 && c.len[id] == 0) {
          return false;
        }
        int n = t.bytes();
        if (t.bytesVar() != null) {
          long nv = val(t.bytesVar(), vars, idx);
          if (nv < 1 || nv > t.bytes()) {
            return false;
          }
          n = (int) nv;
        }
        long pos = (t.relative() ? cursor : 0) + val(t.offset(), vars, idx);
        Long v = read(c, id, pos, n, endian(c, t.dce(), t.endian()), t.encoding());
        if (v == null) {
          return false;
        }
        v = mask(v, t.bitmask());
        long x = val(t.value(), vars, idx);
        boolean r =
            switch (t.operator()) {
              case LT -> Long.compareUnsigned(v, x) < 0; // Suricata compares uint64 values
              case GT -> Long.compareUnsigned(v, x) > 0;
              case LE -> Long.compareUnsigned(v, x) <= 0;
              case GE -> Long.compareUnsigned(v, x) >= 0;
              case EQ -> v == x;
              case AND -> (v & x) != 0;
              case XOR -> (v ^ x) != 0;
            };
        return r != t.negated() && chain(ops, retry, k + 1, cursor, id, c, vars, idx);
      }
      case ByteJump j -> {
        if (len == 0) {
          return false; // Suricata 7: byte_jump never matches an empty buffer
        }
        int n = j.bytes();
        if (j.bytesVar() != null) {
          long nv = val(j.bytesVar(), vars, idx);
          if (nv < 1 || nv > j.bytes()) {
            return false;
          }
          n = (int) nv;
        }
        long pos = (j.relative() ? cursor : 0) + val(j.offset(), vars, idx);
        Long v = read(c, id, pos, n, endian(c, j.dce(), j.endian()), j.encoding());
        if (v == null) {
          return false;
        }
        v = mask(v, j.bitmask()) * j.multiplier();
        if (j.align() && v % 4 != 0) {
          v += 4 - v % 4;
        }
        long base = j.fromBeginning() ? 0 : j.fromEnd() ? len : pos + n;
        long nc = base + v + (j.postOffset() == null ? 0 : val(j.postOffset(), vars, idx));
        if (nc > len) {
          return false;
        }
        // a target before the buffer start moves the cursor to the start (Suricata 7)
        return chain(ops, retry, k + 1, (int) Math.max(0, nc), id, c, vars, idx);
      }
      case ByteExtract e -> {
        long pos = (e.relative() ? cursor : 0) + val(e.offset(), vars, idx);
        Long v = read(c, id, pos, e.bytes(), endian(c, e.dce(), e.endian()), e.encoding());
        if (v == null) {
          return false;
        }
        v = mask(v, e.bitmask()) * e.multiplier();
        if (e.align() > 0 && v % e.align() != 0) {
          v += e.align() - v % e.align();
        }
        vars[idx.get(e.name())] = v;
        return chain(ops, retry, k + 1, (int) (pos + e.bytes()), id, c, vars, idx);
      }
      case org.vigil.compiler.ir.ByteMath m -> {
        if (len == 0) {
          return false;
        }
        int n = m.bytes();
        if (m.bytesVar() != null) {
          n = (int) (val(m.bytesVar(), vars, idx) & 0xff);
        }
        if (n < 1 || n > m.maxBytes()) {
          return false;
        }
        long pos = (m.relative() ? cursor : 0) + m.offset();
        Long v = read(c, id, pos, n, m.endian(), m.encoding());
        if (v == null) {
          return false;
        }
        long r = val(m.rvalue(), vars, idx);
        long out =
            switch (m.operator()) {
              case ADD -> v + r;
              case SUBTRACT -> v - r;
              case MULTIPLY -> v * r;
              case DIVIDE -> r == 0 ? 0 : Long.divideUnsigned(v, r);
              case SHIFT_LEFT -> Long.compareUnsigned(r, 64) >= 0 ? 0 : v << r;
              case SHIFT_RIGHT -> v >>> r;
            };
        if (m.operator() == org.vigil.compiler.ir.ByteMath.Operator.DIVIDE && r == 0) {
          return false;
        }
        if (m.bitmask() != null) {
          out &= m.bitmask();
          if (out != 0 && m.bitmask() != 0) {
            out >>>= Long.numberOfTrailingZeros(m.bitmask());
          }
        }
        vars[idx.get(m.result())] = out;
        return chain(ops, retry, k + 1, (int) (pos + n), id, c, vars, idx);
      }
      case DatasetMatch d -> {
        org.vigil.detect.api.Dataset set =
            datasets.define(
                d.name(),
                d.type() == null ? null : org.vigil.detect.api.Dataset.Type.of(d.type()),
                d.load(),
                d.save(),
                d.memcap());
        boolean ok =
            org.vigil.detect.api.Datasets.match(set, d.command().id(), c.data[id], c.off[id], len);
        return ok && chain(ops, retry, k + 1, cursor, id, c, vars, idx);
      }
      case Datarep d -> {
        org.vigil.detect.api.Dataset set =
            datasets.define(
                d.name(),
                d.type() == null ? null : org.vigil.detect.api.Dataset.Type.of(d.type()),
                d.load(),
                null,
                d.memcap());
        int rep = set.reputation(c.data[id], c.off[id], len);
        boolean ok =
            len > 0
                && rep >= 0
                && switch (d.operator()) {
                  case GT -> rep > d.value();
                  case LT -> rep < d.value();
                  case EQ -> rep == d.value();
                };
        return ok && chain(ops, retry, k + 1, cursor, id, c, vars, idx);
      }
      case Base64Decode b -> {
        long start = (b.relative() ? cursor : 0) + (b.offset() == null ? 0 : b.offset());
        int max = b.bytes() == null ? 0 : (int) (long) b.bytes();
        // decode with the runtime's decoder: base64 itself is not the semantics under test
        boolean ok =
            org.vigil.detect.api.Primitives.base64Decode(
                c, c.data[id], c.off[id], len, (int) start, max);
        // Suricata: the base64_data options run on the decoded bytes and end the chain; without
        // them a decode never matches
        if (!ok || base64Chains.isEmpty()) {
          return false;
        }
        int saved = endCursor;
        for (List<PayloadOption> b64 : base64Chains) {
          int bid = org.vigil.detect.api.Buffers.BASE64_DATA;
          if (!c.has(bid) || !chain(b64, retryable(b64), 0, 0, bid, c, vars, idx)) {
            endCursor = saved;
            return false;
          }
        }
        endCursor = cursor;
        return true;
      }
      case PluginOption x -> {
        int next = plugin(x).match(c, c.data[id], c.off[id], len, cursor);
        return next >= 0 && next <= len && chain(ops, retry, k + 1, next, id, c, vars, idx);
      }
      case Transform _ -> {
        return chain(ops, retry, k + 1, cursor, id, c, vars, idx);
      }
      case Asn1 _ -> {
        return chain(ops, retry, k + 1, cursor, id, c, vars, idx);
      }
      case Ftpbounce _ -> {
        boolean ok = org.vigil.detect.api.FtpBounceCheck.matches(c, c.data[id], c.off[id], len);
        return ok && chain(ops, retry, k + 1, cursor, id, c, vars, idx);
      }
      case Urilen _, Bsize _, StickyBuffer _ ->
          throw new IllegalStateException("not a chain option: " + o);
    }
  }

  /** asn1 on the packet payload of {@code c}, from {@code cursor}. */
  private static boolean asn1(Asn1 a, InspectionContext c, int cursor) {
    // the decoder is the runtime's: BER itself is not the semantics under test
    int checks =
        (a.bitstringOverflow() ? org.vigil.detect.api.Asn1Check.BITSTRING_OVERFLOW : 0)
            | (a.doubleOverflow() ? org.vigil.detect.api.Asn1Check.DOUBLE_OVERFLOW : 0)
            | (a.oversizeLength() != null ? org.vigil.detect.api.Asn1Check.OVERSIZE_LENGTH : 0);
    int mode =
        a.absoluteOffset() != null
            ? org.vigil.detect.api.Asn1Check.ABSOLUTE
            : a.relativeOffset() != null
                ? org.vigil.detect.api.Asn1Check.RELATIVE
                : org.vigil.detect.api.Asn1Check.FROM_START;
    long offset =
        a.absoluteOffset() != null
            ? a.absoluteOffset()
            : a.relativeOffset() != null ? a.relativeOffset() : 0;
    boolean ok =
        org.vigil.detect.api.Asn1Check.matches(
            c.packetData,
            c.packetOff,
            c.packetLen,
            cursor,
            checks,
            a.oversizeLength() == null ? 0 : a.oversizeLength(),
            mode,
            offset);
    return ok;
  }

  /** The plugin option's state, prepared from its value by the plugin on the class path. */
  private org.vigil.detect.api.KeywordPlugin.Prepared plugin(PluginOption x) {
    return plugins.computeIfAbsent(
        x,
        o -> {
          if (pluginSource == null) {
            pluginSource = org.vigil.detect.KeywordPlugins.fromClassPath();
          }
          org.vigil.detect.api.KeywordPlugin p = pluginSource.find(o.name());
          if (p == null) {
            throw new IllegalStateException(
                "keyword plugin " + o.name() + " is not on the class path");
          }
          return p.prepare(o.value());
        });
  }

  private boolean header(Rule r, InspectionContext c) {
    if (c.ipVersion == 0) {
      return false;
    }
    boolean ports = c.ipProto == 6 || c.ipProto == 17;
    switch (r.protocol()) {
      case TCP -> {
        if (c.ipProto != 6) return false;
      }
      case UDP -> {
        if (c.ipProto != 17) return false;
      }
      case ICMP -> {
        if (c.ipProto != 1 && c.ipProto != 58) return false;
      }
      case IP -> {}
    }
    Object[] hs =
        headers.computeIfAbsent(
            r,
            x ->
                new Object[] {
                  AddressSets.resolve(x.sourceAddress()),
                  AddressSets.resolve(x.destinationAddress()),
                  PortSets.resolve(x.sourcePort()),
                  PortSets.resolve(x.destinationPort())
                });
    AddressSet sa = (AddressSet) hs[0];
    AddressSet da = (AddressSet) hs[1];
    int[] sp = (int[]) hs[2];
    int[] dp = (int[]) hs[3];
    boolean fwd =
        sa.contains(c.srcIp, c.ipVersion)
            && da.contains(c.dstIp, c.ipVersion)
            && (!ports || PortSets.contains(sp, c.srcPort) && PortSets.contains(dp, c.dstPort));
    if (fwd) {
      return true;
    }
    return r.direction() == Direction.BOTH
        && sa.contains(c.dstIp, c.ipVersion)
        && da.contains(c.srcIp, c.ipVersion)
        && (!ports || PortSets.contains(sp, c.dstPort) && PortSets.contains(dp, c.srcPort));
  }

  private static boolean flow(Flow f, InspectionContext c) {
    int ff = c.flowFlags;
    if (f.direction() == Flow.Dir.TO_SERVER && (ff & InspectionContext.FLOW_TO_SERVER) == 0)
      return false;
    if (f.direction() == Flow.Dir.TO_CLIENT && (ff & InspectionContext.FLOW_TO_CLIENT) == 0)
      return false;
    if (f.state() == Flow.State.ESTABLISHED && (ff & InspectionContext.FLOW_ESTABLISHED) == 0)
      return false;
    if (f.state() == Flow.State.NOT_ESTABLISHED && (ff & InspectionContext.FLOW_ESTABLISHED) != 0)
      return false;
    if (f.stream() == Flow.StreamMode.ONLY_STREAM && !c.streamChunk) return false;
    if (f.stream() == Flow.StreamMode.NO_STREAM && c.streamChunk) return false;
    if (f.frag() == Flow.FragMode.ONLY_FRAG && !c.fragmented) return false;
    if (f.frag() == Flow.FragMode.NO_FRAG && c.fragmented) return false;
    return true;
  }

  private boolean flowbitCheck(Flowbits fb, InspectionContext c) {
    if (fb.command() != Flowbits.Command.ISSET && fb.command() != Flowbits.Command.ISNOTSET) {
      return true;
    }
    if (c.flowbits == null) {
      return false;
    }
    boolean want = fb.command() == Flowbits.Command.ISSET;
    boolean any = false;
    boolean all = true;
    for (String n : fb.names()) {
      boolean ok = c.flowbits.isSet(bitIds.get(n)) == want;
      any |= ok;
      all &= ok;
    }
    return fb.join() == Flowbits.Join.ANY ? any : all;
  }

  private static boolean bits(BitsMode mode, int value, int mask) {
    return switch (mode) {
      case EXACT -> value == mask;
      case ALL -> (value & mask) == mask;
      case ANY -> (value & mask) != 0;
      case NOT -> (value & mask) != mask;
    };
  }

  private static boolean packet(PacketOption p, InspectionContext c) {
    boolean v4 = c.ipVersion == 4;
    boolean tcp = c.ipProto == 6;
    return switch (p) {
      case Dsize d -> c.dsize >= 0 && d.check().test(c.dsize);
      case Ttl t -> t.check().test(c.ttl);
      case Tos t -> t.check().test(c.tos);
      case IpId i -> v4 && i.check().test(c.ipId);
      case FragOffset f -> v4 && f.check().test(c.fragOffset);
      case IpProto i -> i.check().test(c.ipProto);
      case IpOpts o ->
          v4
              && (o.option() == IpOpts.Option.ANY
                  ? c.ipOptions != 0
                  : (c.ipOptions & IpOptions.forType(o.option().code())) != 0);
      case FragBits f -> {
        int mask = 0;
        for (FragBits.Bit b : f.bits()) {
          mask |= b.mask() >>> 13;
        }
        yield v4 && bits(f.mode(), c.ipFlags & 7, mask);
      }
      case Flags f -> {
        int mask = 0;
        int ignored = 0;
        for (TcpFlag t : f.flags()) mask |= t.bit();
        for (TcpFlag t : f.ignored()) ignored |= t.bit();
        yield tcp && bits(f.mode(), c.tcpFlags & ~ignored & 0xff, mask);
      }
      case Seq s -> tcp && s.check().test(c.tcpSeq);
      case Ack a -> tcp && a.check().test(c.tcpAck);
      case Window w -> tcp && w.check().test(c.tcpWindow);
      case Itype i -> c.icmpType >= 0 && i.check().test(c.icmpType);
      case Icode i -> c.icmpCode >= 0 && i.check().test(c.icmpCode);
      case IcmpId i -> c.icmpId >= 0 && i.check().test(c.icmpId);
      case IcmpSeq i -> c.icmpSeq >= 0 && i.check().test(c.icmpSeq);
      case SameIp s -> java.util.Arrays.equals(c.srcIp, 0, v4 ? 4 : 16, c.dstIp, 0, v4 ? 4 : 16);
    };
  }
}
