package org.vigil.decode;

import java.util.ArrayList;
import java.util.List;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.engine.DecodePipeline;
import org.vigil.engine.PathConfig;

/**
 * Test helper: decodes frames built in code, alone or through the whole pipeline (tunnels, defrag,
 * flows).
 */
final class Decoded {
  private Decoded() {}

  /** Decodes one frame with the layer decoders only. */
  static Packet decode(int linkType, byte[] frame) {
    return decode(linkType, frame, DecodeConfig.defaults());
  }

  static Packet decode(int linkType, byte[] frame, DecodeConfig cfg) {
    Packet p = new Packet(frame.length);
    System.arraycopy(frame, 0, p.data(), 0, frame.length);
    p.setFrame(frame.length, frame.length, 1_000_000_000L, linkType, 1, "test");
    new Decoder(cfg, new PathStats()).decode(p);
    return p;
  }

  /** Short text of what a consumer saw, one line per delivered packet. */
  static List<String> pipeline(int linkType, byte[]... frames) {
    List<String> out = new ArrayList<>();
    DecodePipeline pipe =
        new DecodePipeline(
            PathConfig.defaults(),
            FragPolicyResolver.suricataDefault(),
            new PathStats(),
            p -> out.add(describe(p)),
            (f, r) -> {});
    long n = 0;
    for (byte[] f : frames) {
      Packet p = pipe.acquire();
      System.arraycopy(f, 0, p.ensureCapacity(f.length), 0, f.length);
      p.setFrame(f.length, f.length, 1_000_000_000L, linkType, ++n, "test");
      pipe.process(p);
      pipe.release(p);
    }
    return out;
  }

  static String describe(Packet p) {
    String proto =
        p.isTcp()
            ? "tcp"
            : p.isUdp()
                ? "udp"
                : p.isIcmpv4() ? "icmp" : p.isIcmpv6() ? "icmp6" : "ip" + p.ipProto();
    StringBuilder sb = new StringBuilder();
    sb.append('#')
        .append(p.hasPcapCnt() ? String.valueOf(p.pcapCnt()) : "none")
        .append(" d")
        .append(p.tunnelDepth())
        .append(' ')
        .append(proto)
        .append(' ')
        .append(p.srcAddress())
        .append(':')
        .append(p.srcPort())
        .append(" > ")
        .append(p.dstAddress())
        .append(':')
        .append(p.dstPort());
    if (p.isTunnelRoot()) sb.append(" root");
    for (int i = 0; i < p.eventCount(); i++) sb.append(' ').append(p.event(i));
    return sb.toString();
  }
}
