package org.vigil.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.ssh.SshConnectionParser;

/**
 * Any conversation (both directions interleaved in any chunking, with gaps; see {@link
 * FuzzSeeds#chunks}) given to the SSH parser: it never throws, whatever it makes of the bytes
 * (records, errors, the end of inspection). Seeded with the SSH conversations of the shared
 * corpus's captures.
 */
class SshParserFuzzTest {
  private static final String METHOD = "anyConversationParses";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(SshParserFuzzTest.class, METHOD);
    for (var f :
        FuzzSeeds.sample(
            FuzzSeeds.corpusFiles("pcaps/zeek/ssh", FuzzSeeds.smallCapture(262144)), 100)) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port == 22);
      if (conv.length > 0) {
        FuzzSeeds.add(SshParserFuzzTest.class, METHOD, conv);
      }
    }
  }

  @FuzzTest(maxDuration = "8s")
  void anyConversationParses(byte[] input) {
    SshConnectionParser parser = new SshConnectionParser();
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
    parser.banner(true);
    parser.banner(false);
  }
}
