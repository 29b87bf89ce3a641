package org.vigil.compiler.codegen;

import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.vigil.compiler.analysis.Anchors;
import org.vigil.compiler.analysis.PcreTranslator;
import org.vigil.compiler.analysis.RulePlan;
import org.vigil.compiler.analysis.TransformChecks;
import org.vigil.compiler.ir.*;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.KeywordPlugin;
import org.vigil.detect.api.PcreProgram;
import org.vigil.detect.api.PcreSupport;
import org.vigil.detect.api.Primitives;
import org.vigil.detect.api.TransformStep;
import org.vigil.detect.api.Transforms;

/**
 * Emits one buffer's option chain as straight-line code with backtracking: every option jumps on
 * failure to the retry label of the nearest preceding backtracking point (a content or pcre that a
 * later relative option anchors on), which searches its next occurrence from the previous match
 * start + 1 inside the same window; with no such point, failure ends the rule. A base64_decode ends
 * its chain as Suricata's does: the rule's base64_data chains run on what it decoded, their failure
 * backtracks like any option's, and once they matched the chain's options after the decode are not
 * inspected; a decode in a rule without base64_data never matches. An option whose window does not
 * depend on the cursor or on variables (a content without distance/within whose offset and depth
 * are numbers, a pcre without R) gives the same answer on every pass through the chain: when its
 * first search fails, no retry of an earlier point can make it pass, so the chain fails at once.
 */
final class ChainEmitter {
  private static final String PRIM = Type.getInternalName(Primitives.class);
  private static final String PCRE = Type.getInternalName(PcreSupport.class);
  private static final String PROGRAM = Type.getInternalName(PcreProgram.class);
  private static final String TRANSFORMS = Type.getInternalName(Transforms.class);

  private final Emit e;
  private int data;
  private int base;
  private int len;
  private int cursor;
  private final int tStart;
  private final int tEnd;
  private final int tVal;
  private ByteMathEmitter byteMath;
  private CheckEmitter checks;

  /** Where the whole chain fails (the label {@link #chain} was given). */
  private Label chainFail;

  /** The rule's base64_data chains, run by each base64_decode. */
  private final List<RulePlan.Chain> base64Chains;

  ChainEmitter(Emit e, List<RulePlan.Chain> base64Chains) {
    this.e = e;
    this.base64Chains = base64Chains;
    tStart = newLong();
    tEnd = newLong();
    tVal = newLong();
  }

  private int newLong() {
    int l = e.g.newLocal(Type.LONG_TYPE);
    e.g.push(0L);
    e.g.storeLocal(l);
    return l;
  }

  private int newInt() {
    int l = e.g.newLocal(Type.INT_TYPE);
    e.g.push(0);
    e.g.storeLocal(l);
    return l;
  }

  /** Emits the chain; jumps to {@code ruleFail} when it cannot match. */
  void chain(RulePlan.Chain chain, Label ruleFail) {
    chainFail = ruleFail;
    data = e.g.newLocal(Type.getType(byte[].class));
    base = newInt();
    len = newInt();
    cursor = newInt();
    e.ctx();
    e.g.visitFieldInsn(Opcodes.GETFIELD, Emit.CTX, "len", "[I");
    e.g.push(chain.bufferId());
    e.g.visitInsn(Opcodes.IALOAD);
    e.g.dup();
    e.g.storeLocal(len);
    e.g.visitJumpInsn(Opcodes.IFLT, ruleFail);
    e.ctx();
    e.g.visitFieldInsn(Opcodes.GETFIELD, Emit.CTX, "data", "[[B");
    e.g.push(chain.bufferId());
    e.g.visitInsn(Opcodes.AALOAD);
    e.g.storeLocal(data);
    e.ctx();
    e.g.visitFieldInsn(Opcodes.GETFIELD, Emit.CTX, "off", "[I");
    e.g.push(chain.bufferId());
    e.g.visitInsn(Opcodes.IALOAD);
    e.g.storeLocal(base);
    transforms(chain.ops());
    byteMath = new ByteMathEmitter(e, data, base, len, cursor, tStart, tEnd, tVal);
    checks = new CheckEmitter(e, data, base, len, cursor);
    List<PayloadOption> ops = chain.ops();
    boolean[] retry = Anchors.retryable(ops);
    Label fail = ruleFail;
    for (int k = 0; k < ops.size(); k++) {
      Label retryLabel = retry[k] ? new Label() : null;
      switch (ops.get(k)) {
        case Content c -> content(c, fail, retryLabel);
        case Pcre p -> pcre(p, fail, retryLabel);
        case IsDataAt i -> isDataAt(i, fail);
        case ByteTest t -> byteMath.byteTest(t, fail);
        case ByteJump j -> byteMath.byteJump(j, fail);
        case ByteExtract x -> byteMath.byteExtract(x, fail);
        case ByteMath m -> byteMath.byteMath(m, fail);
        case DatasetMatch d -> checks.dataset(d, fail);
        case Datarep d -> checks.datarep(d, fail);
        case Base64Decode b -> {
          checks.base64(b, fail);
          base64Data(fail);
          k = ops.size(); // the options after it are not inspected
        }
        case PluginOption x -> plugin(x, fail);
        case Asn1 _ -> {} // after the chain, see below
        case Ftpbounce _ -> checks.ftpbounce(fail);
        case Transform _ -> {} // applied when the chain loads its buffer
        // the analyzer keeps these out of chains (per-buffer checks, buffer selectors)
        case Urilen _, Bsize _, StickyBuffer _ ->
            throw new IllegalStateException("not a chain option: " + ops.get(k).keyword());
      }
      if (retryLabel != null) {
        fail = retryLabel;
      }
    }
    // asn1 is a packet check in Suricata: it runs once the payload options matched, from where the
    // last of them left the cursor, and a failure does not retry them
    for (PayloadOption o : ops) {
      if (o instanceof Asn1 a) {
        checks.asn1(a, ruleFail);
      }
    }
  }

  /** Runs the base64_data chains on what the decode left in their buffer. */
  private void base64Data(Label fail) {
    if (base64Chains.isEmpty()) {
      e.g.goTo(fail);
      return;
    }
    for (RulePlan.Chain ch : base64Chains) {
      new ChainEmitter(e, List.of()).chain(ch, fail);
    }
  }

  /**
   * Applies a chain's leading transforms: the chain then inspects the buffer as they make it, a new
   * array from offset 0. Runs of transforms without argument are one {@link Transforms} program;
   * xor and pcrexform are each a {@link TransformStep} constant.
   */
  private void transforms(List<PayloadOption> ops) {
    long program = 0;
    int shift = 0;
    for (PayloadOption o : ops) {
      if (!(o instanceof Transform t)) {
        break;
      }
      if (t.argument() == null) {
        program |= (long) t.kind().id() << shift;
        shift += Transforms.STEP_BITS;
        continue;
      }
      program(program);
      program = 0;
      shift = 0;
      String field = e.constants.transformStep(TransformChecks.stepSpec(t));
      e.g.visitFieldInsn(Opcodes.GETSTATIC, e.owner, field, ConstantPool.STEP);
      e.g.loadLocal(data);
      e.g.loadLocal(base);
      e.g.loadLocal(len);
      e.g.visitMethodInsn(
          Opcodes.INVOKEVIRTUAL,
          Type.getInternalName(TransformStep.class),
          "apply",
          "([BII)[B",
          false);
      transformed();
    }
    program(program);
  }

  private void program(long program) {
    if (program == 0) {
      return;
    }
    e.g.push(program);
    e.g.loadLocal(data);
    e.g.loadLocal(base);
    e.g.loadLocal(len);
    e.g.visitMethodInsn(Opcodes.INVOKESTATIC, TRANSFORMS, "apply", "(J[BII)[B", false);
    transformed();
  }

  /** With the transformed array on the stack: it becomes the chain's buffer. */
  private void transformed() {
    e.g.dup();
    e.g.storeLocal(data);
    e.g.visitInsn(Opcodes.ARRAYLENGTH);
    e.g.storeLocal(len);
    e.g.push(0);
    e.g.storeLocal(base);
  }

  private void pushCursorLong() {
    e.g.loadLocal(cursor);
    e.g.visitInsn(Opcodes.I2L);
  }

  private void pushLenLong() {
    e.g.loadLocal(len);
    e.g.visitInsn(Opcodes.I2L);
  }

  /** find(data, base, start, end, pattern, nocase) with start/end ints already on the stack. */
  private void callFind(String patField, boolean nocase) {
    // stack: start end -> need data base start end pat nocase; rearrange through locals
    int end = e.g.newLocal(Type.INT_TYPE);
    e.g.storeLocal(end);
    int start = e.g.newLocal(Type.INT_TYPE);
    e.g.storeLocal(start);
    e.g.loadLocal(data);
    e.g.loadLocal(base);
    e.g.loadLocal(start);
    e.g.loadLocal(end);
    e.g.visitFieldInsn(Opcodes.GETSTATIC, e.owner, patField, "[B");
    e.g.push(nocase);
    e.g.visitMethodInsn(Opcodes.INVOKESTATIC, PRIM, "find", "([BIII[BZ)I", false);
  }

  private void content(Content c, Label fail, Label retryLabel) {
    byte[] pat = c.pattern().data();
    String field = e.constants.bytes(pat, c.nocase());
    if (c.isFastPatternOnly()) {
      e.g.push(0);
      e.g.loadLocal(len);
      callFind(field, c.nocase());
      e.g.visitJumpInsn(Opcodes.IFLT, chainFail);
      return;
    }
    // a window fixed by the buffer alone: a failed first search fails every pass
    boolean fixed =
        !c.isRelative()
            && !(c.offset() instanceof IntArg.Variable)
            && !(c.depth() instanceof IntArg.Variable);
    Label fixedFail = fixed ? chainFail : fail;
    // window as longs
    if (c.isRelative()) {
      pushCursorLong();
      if (c.distance() != null) {
        e.pushArg(c.distance());
        e.g.visitInsn(Opcodes.LADD);
      }
      e.g.dup2();
      e.g.storeLocal(tEnd); // cursor + distance, base for within
      // start = max(0, cursor + distance)
      e.g.push(0L);
      e.g.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "max", "(JJ)J", false);
      e.g.storeLocal(tStart);
      if (c.within() != null) {
        e.g.loadLocal(tEnd);
        e.pushArg(c.within());
        e.g.visitInsn(Opcodes.LADD);
        pushLenLong();
        e.g.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "min", "(JJ)J", false);
      } else {
        pushLenLong();
      }
      e.g.storeLocal(tEnd);
    } else {
      if (c.offset() != null) {
        e.pushArg(c.offset());
      } else {
        e.g.push(0L);
      }
      e.g.storeLocal(tStart);
      if (c.depth() != null) {
        e.g.loadLocal(tStart);
        e.pushArg(c.depth());
        e.g.visitInsn(Opcodes.LADD);
        pushLenLong();
        e.g.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "min", "(JJ)J", false);
      } else {
        pushLenLong();
      }
      e.g.storeLocal(tEnd);
    }
    if (c.endsWith()) {
      // the only place a match may start: where it ends at the end of the buffer
      e.g.loadLocal(tStart);
      pushLenLong();
      e.g.push((long) pat.length);
      e.g.visitInsn(Opcodes.LSUB);
      e.g.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "max", "(JJ)J", false);
      e.g.storeLocal(tStart);
    }
    if (c.negated()) {
      Label pass = new Label();
      e.g.loadLocal(tStart);
      e.g.loadLocal(tEnd);
      e.g.visitInsn(Opcodes.LCMP);
      e.g.visitJumpInsn(Opcodes.IFGT, pass);
      e.g.loadLocal(tStart);
      e.g.visitInsn(Opcodes.L2I);
      e.g.loadLocal(tEnd);
      e.g.visitInsn(Opcodes.L2I);
      callFind(field, c.nocase());
      e.g.visitJumpInsn(Opcodes.IFGE, fixedFail);
      e.g.mark(pass);
      return;
    }
    e.g.loadLocal(tStart);
    e.g.loadLocal(tEnd);
    e.g.visitInsn(Opcodes.LCMP);
    e.g.visitJumpInsn(Opcodes.IFGT, fixedFail);
    int from = newInt();
    int end = newInt();
    e.g.loadLocal(tStart);
    e.g.visitInsn(Opcodes.L2I);
    e.g.storeLocal(from);
    int first = -1;
    if (fixed && retryLabel != null) {
      first = newInt();
      e.g.loadLocal(from);
      e.g.storeLocal(first);
    }
    e.g.loadLocal(tEnd);
    e.g.visitInsn(Opcodes.L2I);
    e.g.storeLocal(end);
    if (retryLabel != null) {
      e.g.mark(retryLabel);
    }
    e.g.loadLocal(from);
    e.g.loadLocal(end);
    callFind(field, c.nocase());
    int p = e.g.newLocal(Type.INT_TYPE);
    e.g.dup();
    e.g.storeLocal(p);
    if (first >= 0) {
      // the first search failed: the chain fails; a retry failed: back to the earlier point
      Label found = new Label();
      e.g.visitJumpInsn(Opcodes.IFGE, found);
      e.g.loadLocal(from);
      e.g.loadLocal(first);
      e.g.visitJumpInsn(Opcodes.IF_ICMPEQ, chainFail);
      e.g.goTo(fail);
      e.g.mark(found);
    } else {
      e.g.visitJumpInsn(Opcodes.IFLT, fixedFail);
    }
    if (retryLabel != null) {
      e.g.loadLocal(p);
      e.g.push(1);
      e.g.visitInsn(Opcodes.IADD);
      e.g.storeLocal(from);
    }
    e.g.loadLocal(p);
    e.g.push(pat.length);
    e.g.visitInsn(Opcodes.IADD);
    e.g.storeLocal(cursor);
  }

  private void pcre(Pcre p, Label fail, Label retryLabel) {
    PcreTranslator.Translated t = PcreTranslator.translate(p);
    String field = e.constants.regex(t);
    int from = newInt();
    if (p.relative()) {
      e.g.loadLocal(cursor);
    } else {
      e.g.push(0);
    }
    e.g.storeLocal(from);
    // a retry searches further on in the same subject: ^ still means its start
    int subject = newInt();
    e.g.loadLocal(from);
    e.g.storeLocal(subject);
    if (retryLabel != null) {
      e.g.mark(retryLabel);
    }
    e.g.visitFieldInsn(Opcodes.GETSTATIC, e.owner, field, ConstantPool.PROGRAM);
    e.g.loadLocal(data);
    e.g.loadLocal(base);
    e.g.loadLocal(len);
    e.g.loadLocal(subject);
    e.g.loadLocal(from);
    e.g.push(t.anchored());
    e.g.visitMethodInsn(Opcodes.INVOKEINTERFACE, PROGRAM, "search", "([BIIIIZ)J", true);
    e.g.dup2();
    e.g.storeLocal(tVal);
    // without R the search does not depend on the cursor: a failed first search fails every pass
    Label fixedFail = p.relative() ? fail : chainFail;
    if (p.negated()) {
      // only a search that ran to its end without a match passes; a budget hit fails, as in PCRE
      e.g.push(PcreProgram.NO_MATCH);
      e.g.visitInsn(Opcodes.LCMP);
      e.g.visitJumpInsn(Opcodes.IFNE, fixedFail);
      return;
    }
    e.g.push(0L);
    e.g.visitInsn(Opcodes.LCMP);
    if (!p.relative() && retryLabel != null) {
      // the first search (from the subject's start) failed: the chain fails; a retry failed: back
      Label found = new Label();
      e.g.visitJumpInsn(Opcodes.IFGE, found);
      e.g.loadLocal(from);
      e.g.loadLocal(subject);
      e.g.visitJumpInsn(Opcodes.IF_ICMPEQ, chainFail);
      e.g.goTo(fail);
      e.g.mark(found);
    } else {
      e.g.visitJumpInsn(Opcodes.IFLT, fixedFail);
    }
    if (retryLabel != null) {
      e.g.loadLocal(tVal);
      e.g.visitMethodInsn(Opcodes.INVOKESTATIC, PCRE, "start", "(J)I", false);
      e.g.push(1);
      e.g.visitInsn(Opcodes.IADD);
      e.g.storeLocal(from);
    }
    e.g.loadLocal(tVal);
    e.g.visitMethodInsn(Opcodes.INVOKESTATIC, PCRE, "end", "(J)I", false);
    e.g.storeLocal(cursor);
  }

  private void isDataAt(IsDataAt i, Label fail) {
    if (i.relative()) {
      pushCursorLong();
      e.pushArg(i.size());
      e.g.visitInsn(Opcodes.LADD);
      pushLenLong();
      e.g.visitInsn(Opcodes.LCMP);
      e.g.visitJumpInsn(i.negated() ? Opcodes.IFLE : Opcodes.IFGT, fail);
    } else {
      e.pushArg(i.size());
      pushLenLong();
      e.g.visitInsn(Opcodes.LCMP);
      e.g.visitJumpInsn(i.negated() ? Opcodes.IFLT : Opcodes.IFGE, fail);
    }
  }

  /**
   * A keyword plugin option: its prepared state's match on the buffer at the cursor gives the next
   * cursor or fails.
   */
  private void plugin(PluginOption x, Label fail) {
    int option = -1;
    for (int i = 0; e.ruleOptions != null && i < e.ruleOptions.size(); i++) {
      if (e.ruleOptions.get(i) == x) {
        option = i;
      }
    }
    if (option < 0 || e.ruleIndex < 0) {
      throw new IllegalStateException("plugin option " + x.name() + " emitted outside its rule");
    }
    e.g.visitFieldInsn(
        Opcodes.GETSTATIC, e.owner, e.constants.plugin(e.ruleIndex, option), ConstantPool.PREPARED);
    e.ctx();
    e.g.loadLocal(data);
    e.g.loadLocal(base);
    e.g.loadLocal(len);
    e.g.loadLocal(cursor);
    e.g.visitMethodInsn(
        Opcodes.INVOKEINTERFACE,
        Type.getInternalName(KeywordPlugin.Prepared.class),
        "match",
        "(" + Type.getDescriptor(InspectionContext.class) + "[BIII)I",
        true);
    int r = newInt();
    e.g.dup();
    e.g.storeLocal(r);
    e.g.visitJumpInsn(Opcodes.IFLT, fail);
    e.g.loadLocal(r);
    e.g.loadLocal(len);
    e.g.visitJumpInsn(Opcodes.IF_ICMPGT, fail);
    e.g.loadLocal(r);
    e.g.storeLocal(cursor);
  }
}
