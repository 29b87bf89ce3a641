package org.vigil.compiler.front;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vigil.compiler.ir.AppLayerOption;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.Flow;
import org.vigil.compiler.ir.IcmpSeq;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.PacketOption;
import org.vigil.compiler.ir.PayloadOption;
import org.vigil.compiler.ir.Rule;
import org.vigil.compiler.ir.RuleOption;
import org.vigil.compiler.ir.Sid;
import org.vigil.compiler.ir.SourcePos;
import org.vigil.compiler.ir.StickyBuffer;
import org.vigil.compiler.ir.Urilen;

/**
 * Whole-rule consistency checks applied after all options were read (the ones Suricata 7 applies at
 * load).
 */
final class RuleChecks {
  private RuleChecks() {}

  /** Buffers only seen from client to server. */
  private static final Set<Buffer> TO_SERVER_ONLY =
      EnumSet.of(Buffer.HTTP_URI, Buffer.HTTP_RAW_URI, Buffer.HTTP_METHOD, Buffer.HTTP_CLIENT_BODY);

  /** Buffers only seen from server to client. */
  private static final Set<Buffer> TO_CLIENT_ONLY =
      EnumSet.of(Buffer.HTTP_STAT_CODE, Buffer.HTTP_STAT_MSG);

  static void check(Rule rule, RuleBuilder builder) {
    List<RuleOption> options = rule.options();
    sid(rule, options);
    emptySticky(builder);
    addresses(rule);
    packetVersusAppLayer(options);
    directions(options);
    urilenVersusContent(options);
    rateLimits(options);
  }

  private static void rateLimits(List<RuleOption> options) {
    RuleOption threshold = null;
    RuleOption filter = null;
    for (RuleOption o : options) {
      if (o instanceof org.vigil.compiler.ir.Threshold) {
        if (threshold != null) {
          throw new RuleException(
              o.pos(), "duplicate option", "only one threshold is allowed per rule");
        }
        threshold = o;
      } else if (o instanceof org.vigil.compiler.ir.DetectionFilter) {
        if (filter != null) {
          throw new RuleException(
              o.pos(), "duplicate option", "only one detection_filter is allowed per rule");
        }
        filter = o;
      }
    }
    if (threshold != null && filter != null) {
      RuleOption later =
          threshold.pos().line() > filter.pos().line()
                  || (threshold.pos().line() == filter.pos().line()
                      && threshold.pos().column() > filter.pos().column())
              ? threshold
              : filter;
      throw new RuleException(
          later.pos(),
          "threshold with detection_filter",
          "threshold and detection_filter cannot be used in the same rule");
    }
  }

  private static void sid(Rule rule, List<RuleOption> options) {
    int sids = 0;
    for (RuleOption o : options) {
      if (o instanceof Sid) {
        sids++;
      }
    }
    if (sids == 0) {
      throw new RuleException(rule.pos(), "missing sid", "rule has no sid");
    }
    if (sids > 1) {
      throw new RuleException(rule.pos(), "duplicate option", "rule has more than one sid");
    }
  }

  private static void emptySticky(RuleBuilder b) {
    if (b.emptySticky() != null) {
      throw new RuleException(
          b.emptyStickyPos(),
          "empty sticky buffer",
          b.emptySticky().keyword() + " is not followed by any option that inspects it");
    }
  }

  private static void addresses(Rule rule) {
    if (HeaderSets.hasNegation(rule.sourceAddress())
        && HeaderSets.eval(rule.sourceAddress()).isEmpty()) {
      throw nil(rule.sourceAddress().pos(), "source");
    }
    if (HeaderSets.hasNegation(rule.destinationAddress())
        && HeaderSets.eval(rule.destinationAddress()).isEmpty()) {
      throw nil(rule.destinationAddress().pos(), "destination");
    }
    if (HeaderSets.hasNegation(rule.sourcePort()) && HeaderSets.eval(rule.sourcePort()).isEmpty()) {
      throw new RuleException(
          rule.sourcePort().pos(), "empty port range", "the source port spec matches no port");
    }
    if (HeaderSets.hasNegation(rule.destinationPort())
        && HeaderSets.eval(rule.destinationPort()).isEmpty()) {
      throw new RuleException(
          rule.destinationPort().pos(),
          "empty port range",
          "the destination port spec matches no port");
    }
  }

  private static RuleException nil(SourcePos p, String which) {
    return new RuleException(
        p,
        "empty address range",
        "the "
            + which
            + " address spec matches no address (the whole address space is negated,"
            + " e.g. !$HOME_NET with HOME_NET=any)");
  }

  private static boolean isPacketSpecific(RuleOption o) {
    if (o instanceof Flow f) {
      return f.stream() == Flow.StreamMode.NO_STREAM;
    }
    return o instanceof PacketOption && !(o instanceof IcmpSeq);
  }

  private static boolean isAppBuffer(RuleOption o) {
    if (o instanceof AppLayerOption) {
      return true;
    }
    if (o instanceof StickyBuffer) {
      return false;
    }
    return o instanceof PayloadOption p
        && p.buffer() != Buffer.PKT_DATA
        && p.buffer() != Buffer.BASE64_DATA;
  }

  private static void packetVersusAppLayer(List<RuleOption> options) {
    RuleOption packet = null;
    RuleOption app = null;
    for (RuleOption o : options) {
      if (packet == null && isPacketSpecific(o)) {
        packet = o;
      }
      if (app == null && isAppBuffer(o)) {
        app = o;
      }
    }
    if (packet != null && app != null) {
      String what = app instanceof PayloadOption p ? p.buffer().keyword() : app.keyword();
      throw new RuleException(
          packet.pos(),
          "packet and app-layer keywords mixed",
          packet.keyword()
              + " tests single packets and cannot be combined with "
              + what
              + " (app-layer data), as in Suricata");
    }
  }

  private static void directions(List<RuleOption> options) {
    RuleOption toServer = null;
    RuleOption toClient = null;
    Flow flow = null;
    for (RuleOption o : options) {
      if (o instanceof Flow f && f.direction() != null) {
        flow = f;
      }
      if (o instanceof PayloadOption p && !(o instanceof StickyBuffer)) {
        if (toServer == null && TO_SERVER_ONLY.contains(p.buffer())) {
          toServer = o;
        }
        if (toClient == null && TO_CLIENT_ONLY.contains(p.buffer())) {
          toClient = o;
        }
      }
    }
    if (toServer != null && toClient != null) {
      throw new RuleException(
          toClient.pos(),
          "conflicting directions",
          bufferOf(toClient)
              + " (server to client) and "
              + bufferOf(toServer)
              + " (client to server) cannot match in the same rule");
    }
    if (flow != null && toServer != null && flow.direction() == Flow.Dir.TO_CLIENT) {
      throw new RuleException(
          toServer.pos(),
          "conflicting directions",
          bufferOf(toServer) + " is only seen client to server but the rule has flow:to_client");
    }
    if (flow != null && toClient != null && flow.direction() == Flow.Dir.TO_SERVER) {
      throw new RuleException(
          toClient.pos(),
          "conflicting directions",
          bufferOf(toClient) + " is only seen server to client but the rule has flow:to_server");
    }
  }

  private static String bufferOf(RuleOption o) {
    return o instanceof PayloadOption p ? p.buffer().keyword() : o.keyword();
  }

  private static void urilenVersusContent(List<RuleOption> options) {
    for (RuleOption o : options) {
      if (!(o instanceof Urilen u)) {
        continue;
      }
      NumericCheck c = u.check();
      long limit =
          switch (c.op()) {
            case EQ, LT, LE -> c.value();
            case RANGE -> c.value2();
            case NE, GT, GE -> Long.MAX_VALUE;
          };
      for (Content content : RuleBuilder.contentsOf(options)) {
        if (content.buffer() == u.buffer() && content.pattern().length() > limit) {
          throw new RuleException(
              content.pos(),
              "urilen smaller than content",
              "content of "
                  + content.pattern().length()
                  + " bytes can never fit urilen:"
                  + c
                  + " (line "
                  + u.pos().line()
                  + ", column "
                  + u.pos().column()
                  + ")");
        }
      }
    }
  }
}
