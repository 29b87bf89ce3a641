package org.vigil.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.AppControl;
import org.vigil.app.AppTransaction;
import org.vigil.app.dcerpc.DcerpcParser;
import org.vigil.app.smb.SmbLayer;

/**
 * Any conversation (both directions interleaved in any chunking, with gaps; see {@link
 * FuzzSeeds#chunks}) given to the DCE/RPC parser over TCP and, the same bytes, to the SMB layer
 * that follows DCE/RPC over named pipes: neither ever throws, and every unit either reports has
 * buffers that can be read. Seeded with the DCE/RPC conversations of the shared corpus (port 135,
 * 445, 139 and the endpoint-mapper ports of its dce-rpc captures).
 */
class DcerpcParserFuzzTest {
  private static final String METHOD = "anyConversationParses";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(DcerpcParserFuzzTest.class, METHOD);
    for (var f :
        FuzzSeeds.sample(
            FuzzSeeds.corpusFiles("pcaps/zeek/dce-rpc", FuzzSeeds.smallCapture(262144)), 100)) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port != 88 && port != 53);
      if (conv.length > 0) {
        FuzzSeeds.add(DcerpcParserFuzzTest.class, METHOD, conv);
      }
    }
  }

  @FuzzTest(maxDuration = "8s")
  void anyConversationParses(byte[] input) {
    DcerpcParser parser = new DcerpcParser();
    SmbLayer smb = new SmbLayer(NO_CONTROL);
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (c.gap()) {
        parser.onGap(c.toServer());
        smb.onGap(c.toServer(), 1);
      } else {
        parser.onData(c.toServer(), c.data(), c.off(), c.len());
        smb.onData(c.toServer(), c.data(), c.off(), c.len());
      }
      for (DcerpcParser.Ready r : parser.takeReady()) {
        r.call().stub(r.toServer());
        r.call().state();
      }
      smb.units(c.toServer(), false, u -> u.buffers().fill((id, b, off, len) -> {}));
    }
    parser.failed();
    smb.units(true, true, u -> u.buffers().fill((id, b, off, len) -> {}));
  }

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
}
