package org.vigil.app.rfb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.RecordWriter;
import org.vigil.fuzz.FuzzSeeds;

/**
 * Any conversation (both directions interleaved in any chunking, with gaps; see {@link
 * FuzzSeeds#chunks}) given to the RFB parser: it never throws, and its transaction writes its EVE
 * object. Seeded with the RFB conversations of the shared corpus's captures.
 */
class RfbParserFuzzTest {
  private static final String METHOD = "anyConversationParses";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(RfbParserFuzzTest.class, METHOD);
    for (var f : FuzzSeeds.corpusFiles("pcaps/zeek/rfb", FuzzSeeds.smallCapture(262144))) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port == 5900 || port == 5901);
      if (conv.length > 0) {
        FuzzSeeds.add(RfbParserFuzzTest.class, METHOD, conv);
      }
    }
  }

  @FuzzTest(maxDuration = "8s")
  void anyConversationParses(byte[] input) {
    RfbParser parser = new RfbParser();
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (!c.gap()) {
        parser.onData(c.toServer(), c.data(), c.off(), c.len());
      }
    }
    RfbTransaction tx = parser.transaction();
    if (tx != null) {
      tx.appRecord().writeFields(NOTHING);
      tx.takeEvents();
    }
  }

  private static final RecordWriter NOTHING =
      new RecordWriter() {
        @Override
        public void string(String name, String value) {}

        @Override
        public void number(String name, long value) {}

        @Override
        public void bool(String name, boolean value) {}

        @Override
        public void startObject(String name) {}

        @Override
        public void endObject() {}

        @Override
        public void startArray(String name) {}

        @Override
        public void endArray() {}
      };
}
