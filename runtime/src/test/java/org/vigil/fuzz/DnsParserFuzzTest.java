package org.vigil.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.AppControl;
import org.vigil.app.AppTransaction;
import org.vigil.app.dns.DnsLayer;
import org.vigil.app.dns.DnsMessage;
import org.vigil.app.dns.DnsParser;

/**
 * Any bytes given to the DNS parser as one message, and any conversation (see {@link
 * FuzzSeeds#chunks}) given to the DNS layer as UDP datagrams and as a TCP stream: nothing throws,
 * loops or allocates beyond the input's size, whatever names, pointers and counts it holds. Seeded
 * with the DNS messages of the shared corpus's captures.
 */
class DnsParserFuzzTest {
  private static final String METHOD = "anyMessageParses";

  private static final AppControl NO_CONTROL =
      new AppControl() {
        @Override
        public void stopInspection() {}

        @Override
        public void stopPayloadInspection() {}

        @Override
        public void flushForProtocolChange() {}

        @Override
        public void changeProtocol() {}

        @Override
        public void protocolChangeDone() {}

        @Override
        public void raiseReassemblyDepth(long bytes) {}

        @Override
        public void triggerRawInspection(boolean toServer) {}

        @Override
        public void logTransaction(AppTransaction tx) {}
      };

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(DnsParserFuzzTest.class, METHOD);
    for (var f :
        FuzzSeeds.sample(
            FuzzSeeds.corpusFiles("pcaps/zeek/dns", FuzzSeeds.smallCapture(262144)), 60)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new org.vigil.engine.DecodePipeline(
              org.vigil.engine.PathConfig.defaults(),
              org.vigil.defrag.FragPolicyResolver.suricataDefault(),
              new org.vigil.decode.PathStats(),
              p -> {
                if (p.isUdp()
                    && p.payloadLength() > 0
                    && p.payloadLength() < 256
                    && out.size() == 0
                    && (p.dstPort() == 53 || p.srcPort() == 53)) {
                  out.write(p.data(), p.payloadOffset(), p.payloadLength());
                }
              },
              org.vigil.flow.FlowEndListener.NONE)
          .runCapture(f);
      if (out.size() > 0) {
        FuzzSeeds.add(DnsParserFuzzTest.class, METHOD, out.toByteArray());
      }
    }
  }

  @FuzzTest(maxDuration = "8s")
  void anyMessageParses(byte[] input) {
    DnsMessage m = DnsParser.parse(input, 0, input.length);
    if (m != null) {
      m.queries().size();
      m.answers().size();
    }
    DnsLayer udp = new DnsLayer(NO_CONTROL, true);
    DnsLayer tcp = new DnsLayer(NO_CONTROL, false);
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (c.gap()) {
        tcp.onGap(c.toServer(), c.len());
      } else {
        udp.onData(c.toServer(), c.data(), c.off(), c.len());
        tcp.onData(c.toServer(), c.data(), c.off(), c.len());
      }
    }
    udp.units(true, true, u -> u.buffers().fill((b, d, o, l) -> {}));
    tcp.units(false, true, u -> u.buffers().fill((b, d, o, l) -> {}));
  }
}
