package org.vigil.app.rdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.fuzz.FuzzSeeds;

/**
 * Any conversation (both directions interleaved in any chunking, with gaps; see {@link
 * FuzzSeeds#chunks}) given to the RDP parser: it never throws, and every message it makes writes
 * its EVE object. Seeded with the RDP conversations of the shared corpus's captures.
 */
class RdpParserFuzzTest {
  private static final String METHOD = "anyConversationParses";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(RdpParserFuzzTest.class, METHOD);
    for (var f : FuzzSeeds.corpusFiles("pcaps/zeek/rdp", FuzzSeeds.smallCapture(262144))) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port == RdpProtocol.PORT);
      if (conv.length > 0) {
        FuzzSeeds.add(RdpParserFuzzTest.class, METHOD, conv);
      }
    }
  }

  @FuzzTest(maxDuration = "8s")
  void anyConversationParses(byte[] input) {
    RdpParser parser = new RdpParser();
    long id = 0;
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (c.gap()) {
        parser.onGap();
        continue;
      }
      parser.onData(c.toServer(), c.data(), c.off(), c.len());
      for (RdpMessage m : parser.made()) {
        JsonText.of(new RdpRecord(++id, m));
      }
    }
    parser.failed();
  }
}
