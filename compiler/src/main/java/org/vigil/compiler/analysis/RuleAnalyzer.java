package org.vigil.compiler.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.compiler.ir.AppLayerEvent;
import org.vigil.compiler.ir.AppLayerOption;
import org.vigil.compiler.ir.AppLayerProtocol;
import org.vigil.compiler.ir.Asn1;
import org.vigil.compiler.ir.Base64Decode;
import org.vigil.compiler.ir.Bsize;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.ByteExtract;
import org.vigil.compiler.ir.ByteJump;
import org.vigil.compiler.ir.ByteMath;
import org.vigil.compiler.ir.ByteTest;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.Datarep;
import org.vigil.compiler.ir.DatasetMatch;
import org.vigil.compiler.ir.DetectionFilter;
import org.vigil.compiler.ir.Direction;
import org.vigil.compiler.ir.FastPattern;
import org.vigil.compiler.ir.Flow;
import org.vigil.compiler.ir.FlowOption;
import org.vigil.compiler.ir.Flowbits;
import org.vigil.compiler.ir.Flowint;
import org.vigil.compiler.ir.Ftpbounce;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.IsDataAt;
import org.vigil.compiler.ir.MetaOption;
import org.vigil.compiler.ir.PacketOption;
import org.vigil.compiler.ir.PayloadOption;
import org.vigil.compiler.ir.Pcre;
import org.vigil.compiler.ir.PluginOption;
import org.vigil.compiler.ir.PostDetectionOption;
import org.vigil.compiler.ir.Rule;
import org.vigil.compiler.ir.RuleOption;
import org.vigil.compiler.ir.SourcePos;
import org.vigil.compiler.ir.StickyBuffer;
import org.vigil.compiler.ir.StreamSize;
import org.vigil.compiler.ir.Tag;
import org.vigil.compiler.ir.Threshold;
import org.vigil.compiler.ir.Transform;
import org.vigil.compiler.ir.Urilen;
import org.vigil.compiler.ir.Xbits;
import org.vigil.detect.api.Buffers;

/**
 * Validates one rule the way Snort/Suricata do and lays it out as a {@link RulePlan}: resolved
 * header, checks by kind, one option chain per buffer, byte_extract variable slots and the fast
 * pattern. Throws {@link BackendException} for a rule that cannot be compiled; collects warnings.
 */
public final class RuleAnalyzer {
  private final List<Diagnostic> warnings = new ArrayList<>();

  /** Warnings collected so far (rules still compiled). */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  /** Analyses {@code rule}. */
  public RulePlan analyze(Rule rule) {
    long sid = rule.sid();
    List<Flow> flows = new ArrayList<>();
    List<PacketOption> packet = new ArrayList<>();
    List<StreamSize> streamSizes = new ArrayList<>();
    List<PayloadOption> urilens = new ArrayList<>();
    List<AppLayerProtocol> appProtocols = new ArrayList<>();
    List<Flowbits> checks = new ArrayList<>();
    List<Flowbits> actions = new ArrayList<>();
    boolean noalert = false;
    ChainInstances chains = new ChainInstances();
    Map<String, Integer> vars = new LinkedHashMap<>();
    int thresholds = 0;
    for (RuleOption o : rule.options()) {
      switch (o) {
        case MetaOption m -> {}
        case PacketOption p -> packet.add(p);
        case FlowOption f -> {
          switch (f) {
            case Flow fl -> flows.add(fl);
            case StreamSize s -> streamSizes.add(s);
            case AppLayerProtocol a -> appProtocols.add(a);
            // emitted from the rule's options in order (see RuleClassGenerator)
            case Xbits _, Flowint _ -> {}
            case Flowbits fb -> {
              switch (fb.command()) {
                case ISSET, ISNOTSET -> checks.add(fb);
                case SET, UNSET, TOGGLE -> {
                  if (fb.join() == Flowbits.Join.ANY) {
                    throw new BackendException(
                        fb.pos(),
                        "flowbits "
                            + fb.command().text()
                            + " cannot use '|' (only isset/isnotset take alternatives)");
                  }
                  actions.add(fb);
                }
                case NOALERT -> noalert = true;
                case RESET ->
                    throw new BackendException(
                        fb.pos(), "flowbits reset is not supported by Vigil yet: rule skipped");
              }
            }
          }
        }
        case PostDetectionOption pd -> {
          switch (pd) {
            case Threshold t -> {
              thresholds++;
              checkRate(t.pos(), t.count(), t.seconds(), "threshold");
            }
            case DetectionFilter d -> {
              thresholds++;
              checkRate(d.pos(), d.count(), d.seconds(), "detection_filter");
            }
            case Tag t ->
                warnings.add(
                    new Diagnostic(
                        t.pos(),
                        sid,
                        "tag: Vigil does not log tagged packets; the rule alerts normally",
                        true));
          }
        }
        case AppLayerEvent ev -> chains.of(Buffers.APP_EVENTS).add(AppEventChecks.lower(ev));
        case AppLayerOption a when TlsStateChecks.handles(a) ->
            chains.of(Buffers.TLS_STATE).addAll(TlsStateChecks.lower(a));
        case AppLayerOption a when DceChecks.handles(a) ->
            chains.of(Buffers.DCE_STATE).addAll(DceChecks.lower(a));
        case AppLayerOption a ->
            throw new BackendException(
                a.pos(), a.keyword() + " is not supported by Vigil yet: rule skipped");
        case PayloadOption p -> {
          switch (p) {
            case StickyBuffer s -> chains.select(BufferIds.of(s.buffer(), s.pos()));
            case Asn1 a -> chains.add(BufferIds.of(a.buffer(), a.pos()), a);
            case Ftpbounce f -> chains.add(BufferIds.of(f.buffer(), f.pos()), f);
            case Urilen u -> {
              BufferIds.of(u.buffer(), u.pos());
              urilens.add(u);
            }
            case Bsize b -> {
              BufferIds.of(b.buffer(), b.pos());
              urilens.add(b);
            }
            case Content _,
                Pcre _,
                ByteTest _,
                ByteJump _,
                ByteExtract _,
                ByteMath _,
                DatasetMatch _,
                Datarep _,
                IsDataAt _,
                Base64Decode _,
                Transform _,
                PluginOption _ -> {
              int id = BufferIds.of(p.buffer(), p.pos());
              validate(p, vars);
              if (p instanceof ByteExtract be) {
                if (vars.containsKey(be.name())) {
                  throw new BackendException(
                      be.pos(), "byte_extract variable '" + be.name() + "' is defined twice");
                }
                vars.put(be.name(), vars.size());
              }
              if (p instanceof ByteMath bm) {
                // a later byte_math may store to the same name again: uses read the latest value
                vars.putIfAbsent(bm.result(), vars.size());
              }
              chains.add(id, p);
            }
          }
        }
      }
    }
    if (thresholds > 1) {
      throw new BackendException(
          rule.pos(), "a rule takes at most one threshold or detection_filter");
    }
    if (chains.has(Buffers.BASE64_DATA) && rule.all(Base64Decode.class).isEmpty()) {
      throw new BackendException(rule.pos(), "base64_data without a base64_decode before it");
    }
    List<RulePlan.Chain> chainList = chains.chains();
    TransformChecks.check(chainList, urilens);
    return new RulePlan(
        rule,
        AddressSets.resolve(rule.sourceAddress()),
        AddressSets.resolve(rule.destinationAddress()),
        PortSets.resolve(rule.sourcePort()),
        PortSets.resolve(rule.destinationPort()),
        rule.direction() == Direction.BOTH,
        flows,
        appProtocols,
        packet,
        streamSizes,
        urilens,
        checks,
        actions,
        noalert,
        chainList,
        vars,
        FastPatternSelector.choose(chainList));
  }

  private static void checkRate(SourcePos pos, long count, long seconds, String kw) {
    if (count < 1) {
      throw new BackendException(pos, kw + ": count must be at least 1");
    }
    if (seconds < 1) {
      throw new BackendException(pos, kw + ": seconds must be at least 1");
    }
  }

  private static void checkVar(IntArg a, Map<String, Integer> vars, SourcePos pos) {
    if (a instanceof IntArg.Variable v && !vars.containsKey(v.name())) {
      throw new BackendException(
          pos, "variable '" + v.name() + "' is not set by an earlier byte_extract");
    }
  }

  private static void validate(PayloadOption p, Map<String, Integer> vars) {
    switch (p) {
      case Content c -> {
        for (IntArg a : new IntArg[] {c.offset(), c.depth(), c.distance(), c.within()}) {
          if (a != null) {
            checkVar(a, vars, c.pos());
          }
        }
        if ((c.offset() != null || c.depth() != null) && c.isRelative()) {
          throw new BackendException(
              c.pos(), "content cannot mix offset/depth with distance/within");
        }
        int n = c.pattern().length();
        if (n == 0) {
          throw new BackendException(c.pos(), "empty content");
        }
        if (c.depth() instanceof IntArg.Literal d && d.value() < n) {
          throw new BackendException(
              c.pos(), "depth " + d.value() + " is smaller than the content length " + n);
        }
        if (c.within() instanceof IntArg.Literal w && w.value() < n) {
          throw new BackendException(
              c.pos(), "within " + w.value() + " is smaller than the content length " + n);
        }
        if (c.fastPattern() instanceof FastPattern.Slice s
            && (s.offset() < 0 || s.length() < 1 || s.offset() + s.length() > n)) {
          throw new BackendException(
              c.pos(), "fast_pattern " + s.offset() + "," + s.length() + " is outside the content");
        }
        if (c.isFastPatternOnly()
            && (c.negated() || c.isRelative() || c.offset() != null || c.depth() != null)) {
          throw new BackendException(
              c.pos(),
              "fast_pattern:only cannot be used with negation, offset, depth, distance or within");
        }
      }
      case Pcre r -> PcreTranslator.translate(r);
      case ByteTest t -> {
        if (t.bytesVar() != null) {
          checkVar(t.bytesVar(), vars, t.pos());
        }
        checkVar(t.value(), vars, t.pos());
        checkVar(t.offset(), vars, t.pos());
        if (t.bytes() != 0) {
          // byte_test 0 reads a string number up to the buffer's end, or the value 0 (Suricata 7)
          checkBytes(
              t.pos(),
              t.bytes(),
              t.encoding() != org.vigil.compiler.ir.NumberEncoding.BINARY,
              "byte_test");
        }
      }
      case ByteJump j -> {
        if (j.bytesVar() != null) {
          checkVar(j.bytesVar(), vars, j.pos());
        }
        checkVar(j.offset(), vars, j.pos());
        if (j.postOffset() != null) {
          checkVar(j.postOffset(), vars, j.pos());
        }
        if (j.bytes() != 0 || j.encoding() != org.vigil.compiler.ir.NumberEncoding.BINARY) {
          // byte_jump 0 reads nothing and moves the cursor by post_offset alone (Suricata 7)
          checkBytes(
              j.pos(),
              j.bytes(),
              j.encoding() != org.vigil.compiler.ir.NumberEncoding.BINARY,
              "byte_jump");
        }
      }
      case ByteExtract e -> {
        checkVar(e.offset(), vars, e.pos());
        checkBytes(
            e.pos(),
            e.bytes(),
            e.encoding() != org.vigil.compiler.ir.NumberEncoding.BINARY,
            "byte_extract");
      }
      case ByteMath m -> {
        if (m.bytesVar() != null) {
          checkVar(m.bytesVar(), vars, m.pos());
        }
        checkVar(m.rvalue(), vars, m.pos());
      }
      case DatasetMatch d -> DatasetChecks.check(d.pos(), d.type(), d.load(), d.save());
      case Datarep d -> DatasetChecks.check(d.pos(), d.type(), d.load(), null);
      case IsDataAt i -> checkVar(i.size(), vars, i.pos());
      case Base64Decode b -> {}
      case PluginOption x -> {}
      case Transform t -> {}
      case Urilen _, Bsize _, StickyBuffer _, Asn1 _, Ftpbounce _ ->
          throw new BackendException(
              p.pos(), p.keyword() + " is not supported by Vigil yet: rule skipped");
    }
    if (p.buffer() == Buffer.BASE64_DATA && p instanceof Base64Decode b) {
      throw new BackendException(b.pos(), "base64_decode cannot read base64_data");
    }
  }

  private static void checkBytes(SourcePos pos, int n, boolean string, String kw) {
    int max = string ? 10 : 8;
    if (n < 1 || n > max) {
      throw new BackendException(pos, kw + ": " + n + " bytes is out of range 1.." + max);
    }
  }
}
