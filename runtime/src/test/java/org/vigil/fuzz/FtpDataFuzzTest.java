package org.vigil.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.AppContext;
import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;
import org.vigil.app.AppLayers;
import org.vigil.app.Expectations;
import org.vigil.app.ftp.FtpLayer;

/**
 * Any FTP control conversation (both directions interleaved in any chunking, with gaps; see {@link
 * FuzzSeeds#chunks}) given to the FTP layer, whose data-channel reader turns PASV/EPSV/PORT/EPRT
 * and RETR/STOR into expectations: it never throws and keeps at most {@link
 * Expectations#MAX_PER_PAIR} of them; the ftp-data layer takes the same bytes as a file. Seeded
 * with the FTP conversations of the shared corpus's captures.
 */
class FtpDataFuzzTest {
  private static final String METHOD = "anyControlConversationParses";
  private static final byte[] CLIENT = {10, 0, 0, 1};
  private static final byte[] SERVER = {10, 0, 0, 2};

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(FtpDataFuzzTest.class, METHOD);
    for (var f :
        FuzzSeeds.sample(
            FuzzSeeds.corpusFiles("pcaps/zeek/ftp", FuzzSeeds.smallCapture(262144)), 100)) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port == 21);
      if (conv.length > 0) {
        FuzzSeeds.add(FtpDataFuzzTest.class, METHOD, conv);
      }
    }
  }

  /** Inspection controls that do nothing (the layer only asks for a flush at AUTH TLS). */
  private static final class NoControl implements AppControl {
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
    public void logTransaction(org.vigil.app.AppTransaction tx) {}
  }

  @FuzzTest(maxDuration = "8s")
  void anyControlConversationParses(byte[] input) {
    AppLayers layers = AppLayers.defaults();
    AppContext context = new AppContext(SERVER, 21, new NoControl(), null, layers, CLIENT);
    FtpLayer ftp = new FtpLayer(new NoControl(), () -> null, context);
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (c.gap()) {
        ftp.onGap(c.toServer(), c.len());
      } else {
        ftp.onData(c.toServer(), c.data(), c.off(), c.len());
      }
    }
    int waiting = layers.expectations().size();
    assertTrue(waiting <= Expectations.MAX_PER_PAIR, waiting + " expectations for one host pair");
    // the data connection's layer takes the same bytes as a transferred file
    AppLayer data = layers.create("ftp-data", context);
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (!c.gap()) {
        data.onData(c.toServer(), c.data(), c.off(), c.len());
      }
    }
    data.onClose(true);
    data.units(true, true, u -> {});
    data.free();
  }
}
