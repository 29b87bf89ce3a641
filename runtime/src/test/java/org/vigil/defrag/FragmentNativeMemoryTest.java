package org.vigil.defrag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.testing.PacketBuilder.ipv4;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.engine.DecodePipeline;
import org.vigil.engine.PathConfig;
import org.vigil.flow.FlowEndListener;

/** Fragments' bytes live in native blocks that every way a datagram ends gives back. */
class FragmentNativeMemoryTest {
  private long n;
  private int reassembled;

  private DecodePipeline pipeline(DefragConfig dc, PathStats stats) {
    PathConfig cfg =
        new PathConfig(PathConfig.defaults().decode(), dc, PathConfig.defaults().flow());
    return new DecodePipeline(
        cfg,
        FragPolicyResolver.suricataDefault(),
        stats,
        p -> {
          if (p.isReassembled()) reassembled++;
        },
        FlowEndListener.NONE);
  }

  private void feed(DecodePipeline pipe, long second, byte[] f) {
    Packet p = pipe.acquire();
    System.arraycopy(f, 0, p.ensureCapacity(f.length), 0, f.length);
    p.setFrame(f.length, f.length, 1_000_000_000L * second, LinkTypes.IPV4, ++n, "test");
    pipe.process(p);
    pipe.release(p);
  }

  private static byte[] first(int id, int len) {
    byte[] b = new byte[len];
    Arrays.fill(b, (byte) id);
    return ipv4("1.1.1.1", "2.2.2.2", 17, id, 0, true, 64, new byte[0], b);
  }

  @Test
  void aFloodOfIncompleteDatagramsHoldsItsBytesNativelyAndGivesThemAllBackAtTheEnd() {
    PathStats stats = new PathStats();
    DecodePipeline pipe = pipeline(new DefragConfig(60, 200_000, 65535), stats);
    for (int id = 0; id < 1000; id++) {
      feed(pipe, 1000, first(id, 1000)); // 1,000 bytes in a 1,024-byte block
    }
    Defragmenter d = pipe.defragmenter();
    assertEquals(d.pending() * 1024L, d.nativeBytes());
    assertEquals(1000 - d.pending(), stats.fragmentsEvicted);
    pipe.endOfCapture();
    assertEquals(0, d.pending());
    assertEquals(0, d.nativeBytes());
    assertEquals(0, stats.defragMemuse);
  }

  @Test
  void completedAndTimedOutDatagramsGiveTheirBlocksBack() {
    PathStats stats = new PathStats();
    DecodePipeline pipe = pipeline(new DefragConfig(2, 1 << 20, 65535), stats);
    Defragmenter d = pipe.defragmenter();
    for (int id = 0; id < 50; id++) {
      feed(pipe, 1000, first(id, 600)); // 640-byte blocks
      feed(
          pipe, 1000, ipv4("1.1.1.1", "2.2.2.2", 17, id, 600, false, 64, new byte[0], new byte[8]));
    }
    assertEquals(50, reassembled);
    assertEquals(0, d.nativeBytes());
    for (int id = 100; id < 120; id++) {
      feed(pipe, 1000, first(id, 300)); // 384-byte blocks
    }
    assertEquals(20 * 384L, d.nativeBytes());
    feed(pipe, 1010, first(200, 100)); // ten seconds on: the twenty time out
    assertEquals(20, stats.fragmentsTimedOut);
    assertEquals(128, d.nativeBytes());
    pipe.endOfCapture();
    assertEquals(0, d.nativeBytes());
    assertEquals(List.of(0L), List.of(stats.defragMemuse));
  }
}
