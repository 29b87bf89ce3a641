package org.vigil.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.analysis.PortSets;
import org.vigil.compiler.analysis.RulePlan;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.compiler.ir.*;
import org.vigil.detect.Ruleset;
import org.vigil.detect.api.FlowBits;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.RuleMatcher;

/**
 * Property test over the real rule sets: for every rule that compiles, generated code and the
 * reference interpreter agree on payloads built from the rule's own contents (hits and near misses:
 * a dropped content, a flipped byte, a truncation, repeated anchors, random filler), with the
 * buffers placed as the rule reads them.
 */
class CorpusAgreementTest {

  private static Path corpus() {
    Path root = Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"));
    Assumptions.assumeTrue(
        Files.isDirectory(root.resolve("rules")), "corpus not found at " + root.toAbsolutePath());
    return root;
  }

  @Test
  void etOpen() throws Exception {
    agree(corpus().resolve("rules/et-open"));
  }

  @Test
  void community() throws Exception {
    agree(corpus().resolve("rules/snort-community"));
  }

  private static final byte[][] ADDRS = {
    {10, 0, 0, 1},
    {(byte) 192, (byte) 168, 1, 10},
    {8, 8, 8, 8},
    {(byte) 172, 16, 0, 5},
    {1, 2, 3, 4},
    {127, 0, 0, 1}
  };

  private void agree(Path rules) throws Exception {
    ParseResult pr = FrontEnd.parse(List.of(rules), Variables.defaults());
    RulesetCompiler.Result res = RulesetCompiler.compile(pr.rules());
    Ruleset rs = res.link();
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < rs.flowbitNames().size(); i++) {
      ids.put(rs.flowbitNames().get(i), i);
    }
    ReferenceInterpreter oracle = new ReferenceInterpreter(ids);
    Random rnd = new Random(2024);
    org.vigil.detect.artifact.CandidateSet candidates =
        new org.vigil.detect.artifact.CandidateSet(rs.size());
    long evaluations = 0;
    long hits = 0;
    for (int i = 0; i < res.plans().size(); i++) {
      RulePlan plan = res.plans().get(i);
      boolean offeredChecked = false;
      for (int variant = 0; variant < 8; variant++) {
        InspectionContext c = context(plan, rnd, variant);
        FlowBits bitsForOracle = copy(c.flowbits, ids.size());
        FlowBits bitsForCode = copy(c.flowbits, ids.size());
        c.flowbits = bitsForOracle;
        int want;
        try {
          want = oracle.eval(plan.rule(), c);
        } catch (RuntimeException e) {
          throw new AssertionError("interpreter failed on " + plan.rule().pos() + ": " + e, e);
        }
        c.flowbits = bitsForCode;
        int got = rs.matcher(i).match(i, c);
        evaluations++;
        if (got != RuleMatcher.NO_MATCH) {
          hits++;
        }
        if (got != RuleMatcher.NO_MATCH && !offeredChecked) {
          offeredChecked = true;
          // the signature groups and prefilters must offer every rule that matches
          candidates.clear();
          rs.candidates(c, candidates);
          final int idx = i;
          assertTrue(
              candidates.contains(i),
              () ->
                  "prefilter lost matching rule sid "
                      + plan.rule().sid()
                      + " ("
                      + res.plans().get(idx).fastPattern()
                      + ")");
        }
        final int v = variant;
        assertEquals(
            want,
            got,
            () ->
                "disagreement on "
                    + plan.rule().pos()
                    + " sid "
                    + plan.rule().sid()
                    + " variant "
                    + v
                    + "\n"
                    + plan.rule().source().text());
        for (int b = 0; bitsForOracle != null && b < ids.size(); b++) {
          assertEquals(
              bitsForOracle.isSet(b),
              bitsForCode.isSet(b),
              "flowbits differ after sid " + plan.rule().sid());
        }
      }
    }
    System.out.printf(
        "%s: %d rules, %d evaluations, %d matches, all agree, every match offered by the prefilter%n",
        rules.getFileName(), res.plans().size(), evaluations, hits);
    assertTrue(
        hits > evaluations / 20,
        "the generated payloads must hit often enough to mean something: " + hits);
  }

  private static FlowBits copy(FlowBits f, int n) {
    if (f == null) {
      return null;
    }
    FlowBits c = new FlowBits();
    for (int i = 0; i < n; i++) {
      if (f.isSet(i)) {
        c.set(i);
      }
    }
    return c;
  }

  private static InspectionContext context(RulePlan plan, Random rnd, int variant) {
    InspectionContext c = new InspectionContext();
    Rule r = plan.rule();
    int proto =
        switch (r.protocol()) {
          case TCP -> 6;
          case UDP -> 17;
          case ICMP -> 1;
          case IP -> rnd.nextBoolean() ? 6 : 17;
        };
    c.ipVersion = 4;
    c.ipProto = proto;
    boolean swap = plan.bidirectional() && rnd.nextBoolean();
    byte[] src = pickAddr(plan.srcAddr(), rnd);
    byte[] dst = pickAddr(plan.dstAddr(), rnd);
    System.arraycopy(swap ? dst : src, 0, c.srcIp, 0, 4);
    System.arraycopy(swap ? src : dst, 0, c.dstIp, 0, 4);
    int sp = pickPort(plan.srcPorts(), rnd);
    int dp = pickPort(plan.dstPorts(), rnd);
    c.srcPort = swap ? dp : sp;
    c.dstPort = swap ? sp : dp;
    c.ttl = rnd.nextInt(256);
    c.tos = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 0;
    c.ipId = rnd.nextInt(65536);
    c.tcpFlags = rnd.nextInt(256);
    c.tcpSeq = rnd.nextInt() & 0xffffffffL;
    c.tcpAck = rnd.nextInt() & 0xffffffffL;
    c.tcpWindow = rnd.nextInt(65536);
    c.ipFlags = rnd.nextInt(8);
    c.fragOffset = rnd.nextInt(4) == 0 ? rnd.nextInt(100) : 0;
    c.ipOptions = rnd.nextInt(4) == 0 ? rnd.nextInt(512) : 0;
    if (proto == 1) {
      c.icmpType = rnd.nextInt(20);
      c.icmpCode = rnd.nextInt(5);
      c.icmpId = rnd.nextInt(65536);
      c.icmpSeq = rnd.nextInt(65536);
    }
    // choose header values the rule asks for most of the time
    for (PacketOption p : plan.packetChecks()) {
      if (rnd.nextInt(4) == 0) {
        continue;
      }
      switch (p) {
        case Ttl t -> c.ttl = (int) satisfy(t.check(), rnd) & 0xff;
        case Tos t -> c.tos = (int) satisfy(t.check(), rnd) & 0xff;
        case IpId t -> c.ipId = (int) satisfy(t.check(), rnd) & 0xffff;
        case Itype t -> c.icmpType = (int) satisfy(t.check(), rnd) & 0xff;
        case Icode t -> c.icmpCode = (int) satisfy(t.check(), rnd) & 0xff;
        case IcmpId t -> c.icmpId = (int) satisfy(t.check(), rnd) & 0xffff;
        case IcmpSeq t -> c.icmpSeq = (int) satisfy(t.check(), rnd) & 0xffff;
        case Seq t -> c.tcpSeq = satisfy(t.check(), rnd) & 0xffffffffL;
        case Ack t -> c.tcpAck = satisfy(t.check(), rnd) & 0xffffffffL;
        case Window t -> c.tcpWindow = (int) satisfy(t.check(), rnd) & 0xffff;
        case Flags f -> {
          int m = 0;
          for (TcpFlag t : f.flags()) {
            m |= t.bit();
          }
          c.tcpFlags = f.mode() == BitsMode.NOT ? 0 : m;
        }
        case FragBits f -> {
          int m = 0;
          for (FragBits.Bit b : f.bits()) {
            m |= b.mask() >>> 13;
          }
          c.ipFlags = f.mode() == BitsMode.NOT ? 0 : m;
        }
        default -> {}
      }
    }
    int ff = 0;
    for (Flow f : plan.flows()) {
      if (f.direction() == Flow.Dir.TO_SERVER) {
        ff |= InspectionContext.FLOW_TO_SERVER;
      } else if (f.direction() == Flow.Dir.TO_CLIENT) {
        ff |= InspectionContext.FLOW_TO_CLIENT;
      }
      if (f.state() == Flow.State.ESTABLISHED) {
        ff |= InspectionContext.FLOW_ESTABLISHED;
      }
      if (f.stream() == Flow.StreamMode.ONLY_STREAM) {
        c.streamChunk = true;
      }
    }
    if (variant == 7) {
      ff = rnd.nextInt(8);
    }
    c.flowFlags = ff;
    c.streamClientBytes = rnd.nextInt(5000);
    c.streamServerBytes = rnd.nextInt(5000);
    c.flowbits = variant == 6 ? null : new FlowBits();
    if (c.flowbits != null) {
      for (int i = 0; i < 64; i++) {
        if (rnd.nextBoolean()) {
          c.flowbits.set(i);
        }
      }
    }
    for (RulePlan.Chain ch : plan.chains()) {
      if (ch.bufferId() == org.vigil.detect.api.Buffers.BASE64_DATA) {
        continue;
      }
      byte[] b = payload(ch.ops(), rnd, variant);
      c.setBuffer(ch.bufferId(), b, 0, b.length);
      if (ch.bufferId() == org.vigil.detect.api.Buffers.PAYLOAD) {
        c.dsize = b.length;
      }
    }
    for (PayloadOption u : plan.urilens()) {
      int id = org.vigil.compiler.analysis.BufferIds.of(u.buffer(), u.pos());
      NumericCheck check = u instanceof Urilen x ? x.check() : ((Bsize) u).check();
      if (!c.has(id)) {
        byte[] b = new byte[(int) Math.max(0, Math.min(300, satisfy(check, rnd)))];
        java.util.Arrays.fill(b, (byte) 'a');
        c.setBuffer(id, b, 0, b.length);
      }
    }
    for (PacketOption p : plan.packetChecks()) {
      if (p instanceof Dsize d && c.dsize < 0 && rnd.nextInt(4) != 0) {
        byte[] b = new byte[(int) Math.max(0, Math.min(2000, satisfy(d.check(), rnd)))];
        c.setBuffer(org.vigil.detect.api.Buffers.PAYLOAD, b, 0, b.length);
        c.dsize = b.length;
      }
    }
    if (c.dsize < 0 && rnd.nextBoolean()) {
      c.dsize = 0;
      c.setBuffer(org.vigil.detect.api.Buffers.PAYLOAD, new byte[0], 0, 0);
    }
    return c;
  }

  private static long satisfy(NumericCheck ck, Random rnd) {
    return switch (ck.op()) {
      case EQ -> ck.value();
      case NE -> ck.value() + 1;
      case LT -> Math.max(0, ck.value() - 1 - rnd.nextInt(3));
      case GT -> ck.value() + 1 + rnd.nextInt(3);
      case LE -> ck.value();
      case GE -> ck.value();
      case RANGE -> ck.value() + 1;
    };
  }

  private static byte[] pickAddr(org.vigil.detect.api.AddressSet set, Random rnd) {
    int start = rnd.nextInt(ADDRS.length);
    for (int k = 0; k < ADDRS.length; k++) {
      byte[] a = ADDRS[(start + k) % ADDRS.length];
      if (set.contains(a, 4)) {
        return a;
      }
    }
    return ADDRS[start];
  }

  private static int pickPort(int[] ranges, Random rnd) {
    if (ranges.length == 0) {
      return 1;
    }
    if (PortSets.isAny(ranges)) {
      return 1024 + rnd.nextInt(60000);
    }
    int i = 2 * rnd.nextInt(ranges.length / 2);
    return ranges[i] + rnd.nextInt(Math.min(ranges[i + 1] - ranges[i] + 1, 1000));
  }

  /**
   * Bytes for one chain: each content placed where the rule looks for it, with filler and noise.
   */
  private static byte[] payload(List<PayloadOption> ops, Random rnd, int variant) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<byte[]> pieces = new ArrayList<>();
    int dropAt = variant == 1 ? rnd.nextInt(Math.max(1, ops.size())) : -1;
    for (int k = 0; k < ops.size(); k++) {
      PayloadOption o = ops.get(k);
      if (k == dropAt) {
        continue;
      }
      switch (o) {
        case Content c -> {
          if (c.negated() && variant != 2) {
            continue;
          }
          int pad = 0;
          if (c.offset() instanceof IntArg.Literal l) {
            pad = (int) Math.max(0, Math.min(l.value() - out.size(), 3000));
          } else if (c.distance() instanceof IntArg.Literal l) {
            pad = (int) Math.max(0, Math.min(l.value(), 3000));
          }
          for (int i = 0; i < pad; i++) {
            out.write(variant == 5 ? rnd.nextInt(256) : 'x');
          }
          byte[] p = c.pattern().data();
          if (c.nocase() && rnd.nextBoolean()) {
            for (int i = 0; i < p.length; i++) {
              if (Character.isLetter(p[i]) && rnd.nextBoolean()) {
                p[i] ^= 0x20;
              }
            }
          }
          if (variant == 4 && k < 2) {
            out.writeBytes(p);
            out.write(' ');
          }
          out.writeBytes(p);
          pieces.add(p);
        }
        case ByteTest t -> {
          if (t.encoding() != NumberEncoding.BINARY && t.value() instanceof IntArg.Literal l) {
            out.writeBytes(
                Long.toString(l.value(), t.encoding().radix())
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          } else {
            for (int i = 0; i < t.bytes(); i++) {
              out.write(rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(256));
            }
          }
        }
        case ByteJump j -> {
          for (int i = 0; i < j.bytes(); i++) {
            out.write(
                j.encoding() == NumberEncoding.BINARY
                    ? (i == j.bytes() - 1 ? rnd.nextInt(8) : 0)
                    : '0' + rnd.nextInt(4));
          }
        }
        case ByteExtract x -> {
          for (int i = 0; i < x.bytes(); i++) {
            out.write(
                x.encoding() == NumberEncoding.BINARY
                    ? (i == x.bytes() - 1 ? rnd.nextInt(8) : 0)
                    : '0' + rnd.nextInt(4));
          }
        }
        case Pcre p -> {
          for (int i = 0; i < 4; i++) {
            out.write("aZ09 /=.%".charAt(rnd.nextInt(9)));
          }
        }
        default -> {}
      }
    }
    byte[] b = out.toByteArray();
    switch (variant) {
      case 3 -> {
        if (b.length > 0) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
        }
      }
      case 6 -> b = java.util.Arrays.copyOf(b, b.length / 2);
      default -> {}
    }
    return b;
  }
}
