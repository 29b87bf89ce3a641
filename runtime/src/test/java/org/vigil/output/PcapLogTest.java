package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.acquire.CaptureReader;
import org.vigil.acquire.CaptureSource;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.outputs.OutputConfig;

/**
 * The pcap log writes frames unchanged (nanosecond times, their link type), once each, and names
 * bad keys.
 */
class PcapLogTest {
  @TempDir Path dir;

  private PcapLog open(Map<String, Object> settings) {
    return PcapLog.open(new OutputContext(dir, PcapLog.NAME, settings));
  }

  @Test
  void framesComeBackAsWrittenOncePerPacketOneFilePerLinkType() throws IOException {
    byte[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    byte[] b = {0x45, 0, 0, 20};
    try (PcapLog log = open(Map.of("filename", "x.pcap"))) {
      assertEquals(PcapLog.Conditional.ALERTS, log.conditional());
      assertTrue(log.write(new PcapFrame("c.pcap", 7, 1_700_000_000_123_456_789L, 1, 60, a)));
      assertFalse(
          log.write(new PcapFrame("c.pcap", 7, 1_700_000_000_123_456_789L, 1, 60, a)),
          "second alert, same packet");
      assertTrue(
          log.write(new PcapFrame("d.pcap", 7, 1_700_000_001_000_000_001L, 1, 14, a)),
          "same number, other capture");
      assertTrue(log.write(new PcapFrame("d.pcap", 8, 1_700_000_002_000_000_000L, 101, 4, b)));
      assertEquals(3, log.written());
    }
    List<Packet> eth = read(dir.resolve("x.pcap"));
    assertEquals(2, eth.size());
    assertEquals(1_700_000_000_123_456_789L, eth.get(0).timestampNanos());
    assertEquals(60, eth.get(0).wireLength());
    assertEquals(1, eth.get(0).linkType());
    assertArrayEquals(a, java.util.Arrays.copyOf(eth.get(0).data(), eth.get(0).length()));
    List<Packet> raw = read(dir.resolve("x.101.pcap"));
    assertEquals(1, raw.size());
    assertEquals(101, raw.get(0).linkType());
    assertArrayEquals(b, java.util.Arrays.copyOf(raw.get(0).data(), raw.get(0).length()));
  }

  @Test
  void allKeepsEveryFrame() throws IOException {
    try (PcapLog log = open(Map.of("conditional", "all"))) {
      log.write(new PcapFrame("c.pcap", 1, 5, 1, 3, new byte[] {1, 2, 3}));
      log.write(new PcapFrame("c.pcap", 1, 5, 1, 3, new byte[] {1, 2, 3}));
    }
    assertEquals(2, read(dir.resolve("log.pcap")).size());
  }

  @Test
  void badSettingsNameTheirKey() {
    assertEquals(
        "outputs.pcap-log.conditional: expected alerts or all, got 'never'",
        assertThrows(OutputConfigException.class, () -> open(Map.of("conditional", "never")))
            .getMessage());
    assertEquals(
        "outputs.pcap-log.filename: expected a file name in the log directory, got 'a/b.pcap'",
        assertThrows(OutputConfigException.class, () -> open(Map.of("filename", "a/b.pcap")))
            .getMessage());
    assertTrue(
        assertThrows(
                OutputConfigException.class,
                () -> OutputConfig.fromYaml(Map.of("pcap-log", Map.of("enabled", "maybe")), dir))
            .getMessage()
            .startsWith("outputs.pcap-log.enabled: expected yes or no"));
    assertFalse(
        OutputConfig.fromYaml(Map.of("pcap-log", Map.of()), dir)
            .plugins()
            .containsKey(PcapLog.NAME),
        "off unless enabled");
    assertTrue(
        OutputConfig.fromYaml(Map.of("pcap-log", Map.of("enabled", "yes")), dir)
            .plugins()
            .containsKey(PcapLog.NAME));
  }

  private static List<Packet> read(Path file) throws IOException {
    List<Packet> out = new ArrayList<>();
    try (CaptureSource s = CaptureReader.open(file, new PathStats())) {
      Packet p = new Packet(2048);
      while (s.next(p)) {
        Packet copy = new Packet(2048);
        copy.copyFrom(p);
        out.add(copy);
      }
    }
    return out;
  }
}
