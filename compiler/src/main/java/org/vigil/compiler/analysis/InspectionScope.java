package org.vigil.compiler.analysis;

import org.vigil.compiler.ir.Ack;
import org.vigil.compiler.ir.AppLayerOption;
import org.vigil.compiler.ir.AppLayerProtocol;
import org.vigil.compiler.ir.Asn1;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.Dsize;
import org.vigil.compiler.ir.Flags;
import org.vigil.compiler.ir.Flow;
import org.vigil.compiler.ir.Flowbits;
import org.vigil.compiler.ir.Flowint;
import org.vigil.compiler.ir.FragBits;
import org.vigil.compiler.ir.FragOffset;
import org.vigil.compiler.ir.IcmpId;
import org.vigil.compiler.ir.IcmpSeq;
import org.vigil.compiler.ir.Icode;
import org.vigil.compiler.ir.IpId;
import org.vigil.compiler.ir.IpOpts;
import org.vigil.compiler.ir.IpProto;
import org.vigil.compiler.ir.Itype;
import org.vigil.compiler.ir.MetaOption;
import org.vigil.compiler.ir.PayloadOption;
import org.vigil.compiler.ir.PostDetectionOption;
import org.vigil.compiler.ir.Protocol;
import org.vigil.compiler.ir.Rule;
import org.vigil.compiler.ir.RuleOption;
import org.vigil.compiler.ir.SameIp;
import org.vigil.compiler.ir.Seq;
import org.vigil.compiler.ir.StickyBuffer;
import org.vigil.compiler.ir.StreamSize;
import org.vigil.compiler.ir.Tos;
import org.vigil.compiler.ir.Ttl;
import org.vigil.compiler.ir.Window;
import org.vigil.compiler.ir.Xbits;
import org.vigil.detect.artifact.RuleMeta;

/**
 * Decides, when a rule is compiled, which inspections besides a packet's own unstored payload
 * evaluate it ({@link RuleMeta#scope()}), with Suricata 7's "require packet" / "require stream"
 * semantics: packet keywords (dsize, id, ipopts, fragbits, fragoffset, ip_proto, itype, icode,
 * icmp_id) and {@code flow:no_stream} need the packet; {@code flow:only_stream} needs the stream;
 * otherwise a TCP (or IP) rule with payload keywords inspects the stream, and also every packet
 * when one of its contents has an offset or depth or the rule uses stream_size. A rule without
 * payload keywords is a packet rule; a rule with app-layer buffers is matched per transaction, and
 * when it also has raw payload keywords these are matched against the transaction's raw stream
 * ({@link RuleMeta#ON_TX_STREAM}: Suricata's stream inspect engine of app-layer rules). A rule with
 * payload keywords never matches an empty payload, even with negated contents only.
 */
public final class InspectionScope {
  private InspectionScope() {}

  /** The {@link RuleMeta#scope()} bits of {@code r}. */
  public static int of(Rule r) {
    boolean payload = false;
    boolean app = false;
    boolean positioned = false;
    boolean needPacket = false;
    boolean needStream = false;
    boolean streamSize = false;
    for (RuleOption o : r.options()) {
      switch (o) {
        case StickyBuffer s -> {}
        // a packet check in Suricata: alone it makes a packet rule, with contents it follows them
        case Asn1 a -> {}
        case PayloadOption p when p.buffer() == Buffer.PKT_DATA -> {
          payload = true;
          if (p instanceof Content c && (c.offset() != null || c.depth() != null)) {
            positioned = true;
          }
        }
        case PayloadOption p when p.buffer() == Buffer.BASE64_DATA -> {}
        case PayloadOption p -> app = true;
        case AppLayerOption a -> app = true;
        case Dsize x -> needPacket = true;
        case IpId x -> needPacket = true;
        case IpOpts x -> needPacket = true;
        case FragBits x -> needPacket = true;
        case FragOffset x -> needPacket = true;
        case IpProto x -> needPacket = true;
        case Itype x -> needPacket = true;
        case Icode x -> needPacket = true;
        case IcmpId x -> needPacket = true;
        case Flow f when f.stream() == Flow.StreamMode.NO_STREAM -> needPacket = true;
        case Flow f when f.stream() == Flow.StreamMode.ONLY_STREAM -> needStream = true;
        case StreamSize s -> streamSize = true;
        case Flow _, Flowbits _, AppLayerProtocol _, MetaOption _, PostDetectionOption _ -> {}
        case Xbits _, Flowint _ -> {}
        case Ttl _, Tos _, SameIp _, Flags _, Seq _, Ack _, Window _, IcmpSeq _ -> {}
      }
    }
    if (app && payload) {
      return RuleMeta.ON_TX_STREAM | RuleMeta.NEEDS_PAYLOAD;
    }
    if (app) {
      return RuleMeta.ON_STREAM;
    }
    if (!payload) {
      return RuleMeta.ON_STORED_PACKET;
    }
    boolean tcp = r.protocol() == Protocol.TCP || r.protocol() == Protocol.IP;
    if (tcp && !needPacket && !needStream) {
      needStream = true;
      needPacket = positioned || streamSize;
    }
    if (!needPacket && !needStream) {
      return RuleMeta.EVERYWHERE | RuleMeta.NEEDS_PAYLOAD;
    }
    return (needStream ? RuleMeta.ON_STREAM : 0)
        | (needPacket ? RuleMeta.ON_STORED_PACKET : 0)
        | RuleMeta.NEEDS_PAYLOAD;
  }
}
