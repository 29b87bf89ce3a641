package org.vigil.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.vigil.acquire.CaptureReader;
import org.vigil.acquire.CaptureSource;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;

/**
 * For tests: the frames of a capture file (time, link type, wire length, bytes), sorted, to compare
 * pcap logs.
 */
public final class PcapFrames {
  private PcapFrames() {}

  /** Every frame of {@code log} as one line, sorted. */
  public static List<String> sorted(Path log) throws IOException {
    assertTrue(Files.isRegularFile(log), log + " was written");
    List<String> out = new ArrayList<>();
    try (CaptureSource s = CaptureReader.open(log, new PathStats())) {
      Packet p = new Packet(65536);
      while (s.next(p)) {
        out.add(
            p.timestampNanos()
                + " "
                + p.linkType()
                + " "
                + p.wireLength()
                + " "
                + HexFormat.of().formatHex(p.data(), 0, p.length()));
      }
    }
    Collections.sort(out);
    return out;
  }
}
