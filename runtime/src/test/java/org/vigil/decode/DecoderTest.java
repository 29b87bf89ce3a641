package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vigil.acquire.CaptureReader;
import org.vigil.acquire.CaptureSource;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.engine.DecodePipeline;
import org.vigil.engine.PathConfig;
import org.vigil.testing.Corpus;

class DecoderTest {
  /**
   * Corpus frames with random bytes flipped and random cuts never throw out of the path; events are
   * counted.
   */
  @Test
  void damagedFramesNeverEscapeAsExceptions() throws IOException {
    Path zeek = Corpus.dir().resolve("pcaps/zeek/tunnels");
    List<byte[]> frames = new ArrayList<>();
    List<Integer> links = new ArrayList<>();
    try (Stream<Path> s = Files.walk(zeek)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        try (CaptureSource src = CaptureReader.open(f, new PathStats())) {
          Packet p = new Packet(2048);
          while (src.next(p) && frames.size() < 4000) {
            frames.add(java.util.Arrays.copyOf(p.data(), p.length()));
            links.add(p.linkType());
            p.reset();
          }
        } catch (IOException notACapture) {
          // skip
        }
      }
    }
    assertTrue(frames.size() > 100, "frames " + frames.size());
    Random rnd = new Random(7);
    PathStats stats = new PathStats();
    for (boolean checksums : new boolean[] {false, true}) {
      PathConfig cfg =
          new PathConfig(
              DecodeConfig.defaults().withChecksums(checksums),
              PathConfig.defaults().defrag(),
              PathConfig.defaults().flow());
      DecodePipeline pipe =
          new DecodePipeline(
              cfg, FragPolicyResolver.suricataDefault(), stats, p -> {}, (f, r) -> {});
      long ts = 1_000_000_000L;
      for (int round = 0; round < 5; round++) {
        for (int i = 0; i < frames.size(); i++) {
          byte[] f = frames.get(i).clone();
          int flips = 1 + rnd.nextInt(4);
          for (int k = 0; k < flips && f.length > 0; k++)
            f[rnd.nextInt(f.length)] = (byte) rnd.nextInt(256);
          int len = rnd.nextInt(4) == 0 ? rnd.nextInt(f.length + 1) : f.length;
          Packet p = pipe.acquire();
          System.arraycopy(f, 0, p.ensureCapacity(len), 0, len);
          p.setFrame(len, f.length, ts += 1000, links.get(i), i + 1, "fuzz");
          pipe.process(p);
          pipe.release(p);
        }
      }
      pipe.endOfCapture();
    }
    assertTrue(stats.totalEvents() > 1000, "events " + stats.totalEvents());
  }
}
