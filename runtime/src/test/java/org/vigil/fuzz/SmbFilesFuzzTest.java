package org.vigil.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.AppControl;
import org.vigil.app.AppFile;
import org.vigil.app.AppTransaction;
import org.vigil.app.RecordWriter;
import org.vigil.app.smb.SmbLayer;

/**
 * Any SMB conversation (both directions interleaved in any chunking, with gaps; see {@link
 * FuzzSeeds#chunks}) given to the SMB layer, whose SMB2 reader tracks the files read and written:
 * it never throws, logs each file transaction once, with one file of a non-negative size that is
 * {@code CLOSED} or {@code TRUNCATED}, and none after the flow's end was reported. Seeded with the
 * SMB conversations of the shared corpus's captures.
 */
class SmbFilesFuzzTest {
  private static final String METHOD = "anySmbConversationLogsEachFileOnce";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(SmbFilesFuzzTest.class, METHOD);
    for (var f :
        FuzzSeeds.sample(
            FuzzSeeds.corpusFiles("pcaps/zeek/smb", FuzzSeeds.smallCapture(262144)), 100)) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port == 445 || port == 139);
      if (conv.length > 0) {
        FuzzSeeds.add(SmbFilesFuzzTest.class, METHOD, conv);
      }
    }
  }

  @FuzzTest(maxDuration = "8s")
  void anySmbConversationLogsEachFileOnce(byte[] input) {
    List<AppTransaction> logged = new ArrayList<>();
    SmbLayer smb = new SmbLayer(new LoggingControl(logged));
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (c.gap()) {
        smb.onGap(c.toServer(), c.len());
      } else {
        smb.onData(c.toServer(), c.data(), c.off(), c.len());
      }
      smb.units(c.toServer(), false, u -> u.buffers().fill((id, b, off, len) -> {}));
    }
    smb.units(true, true, u -> u.buffers().fill((id, b, off, len) -> {}));
    int atEnd = logged.size();
    smb.units(false, true, u -> {});
    smb.onData(true, input, 0, input.length);
    assertEquals(atEnd, logged.size(), "files logged after the flow's end");
    Set<AppTransaction> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (AppTransaction tx : logged) {
      assertTrue(seen.add(tx), "a file transaction logged twice");
      List<AppFile> files = tx.files();
      assertEquals(1, files.size());
      AppFile f = files.get(0);
      assertTrue(f.size() >= 0, "negative size");
      assertTrue(f.state().equals("CLOSED") || f.state().equals("TRUNCATED"));
      tx.appRecord().writeFields(NO_WRITER);
    }
  }

  /** Inspection controls that keep the logged transactions. */
  private record LoggingControl(List<AppTransaction> logged) implements AppControl {
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
    public void logTransaction(AppTransaction tx) {
      logged.add(tx);
    }
  }

  private static final RecordWriter NO_WRITER =
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
