package org.vigil.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.tls.TlsConnectionParser;

/**
 * Any conversation (both directions interleaved in any chunking, with gaps; see {@link
 * FuzzSeeds#chunks}) given to the TLS parser: it never throws, whatever it makes of the bytes
 * (records, errors, the end of inspection). Seeded with the TLS conversations of the shared
 * corpus's captures.
 */
class TlsParserFuzzTest {
  private static final String METHOD = "anyConversationParses";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(TlsParserFuzzTest.class, METHOD);
    for (var f :
        FuzzSeeds.sample(
            FuzzSeeds.corpusFiles("pcaps/zeek/tls", FuzzSeeds.smallCapture(262144)), 100)) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port == 443);
      if (conv.length > 0) {
        FuzzSeeds.add(TlsParserFuzzTest.class, METHOD, conv);
      }
    }
  }

  @FuzzTest(maxDuration = "8s")
  void anyConversationParses(byte[] input) {
    TlsConnectionParser parser = new TlsConnectionParser();
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (c.gap()) {
        parser.onGap(c.toServer());
      } else {
        parser.onData(c.toServer(), c.data(), c.off(), c.len());
      }
    }
    parser.failed();
    parser.encrypted();
    parser.records(true);
    parser.records(false);
  }
}
