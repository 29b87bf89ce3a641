package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.config.ConfigException;

/** The heap and direct memory the launcher gives a run, from the configuration it names. */
class JvmOptionsTest {
  @TempDir Path dir;

  @Test
  void defaultsAreTheMemcapsPlusTheHeadroom() {
    // 32mb flow + 64mb stream + 256mb reassembly + 32mb defrag + 64mb http + 32mb tls + 192mb
    // headroom;
    // direct: 64mb + the 256mb reassembly memcap (stream pages are native memory)
    assertEquals(
        "-Xmx672m -XX:MaxDirectMemorySize=320m",
        JvmOptions.forRun(new String[] {"-r", "x.pcap", "-l", "logs"}));
  }

  @Test
  void memcapsFromTheConfigFileAndSetsGrowTheHeap() throws Exception {
    Path yaml = Files.writeString(dir.resolve("v.yaml"), "flow:\n  memcap: 1gb\n");
    assertEquals(
        "-Xmx1664m -XX:MaxDirectMemorySize=320m",
        JvmOptions.forRun(new String[] {"-c", yaml.toString(), "-r", "x"}));
    assertEquals(
        "-Xmx928m -XX:MaxDirectMemorySize=576m",
        JvmOptions.forRun(new String[] {"--set=stream.reassembly.memcap=512mb", "-r", "x"}));
  }

  @Test
  void thePortscanMemcapCountsWhenPortscanIsOn() {
    assertEquals(
        "-Xmx672m -XX:MaxDirectMemorySize=320m",
        JvmOptions.forRun(new String[] {"--set", "portscan.memcap=100mb", "-r", "x"}),
        "portscan off: its memcap takes nothing");
    assertEquals(
        "-Xmx772m -XX:MaxDirectMemorySize=320m",
        JvmOptions.forRun(
            new String[] {
              "--set", "portscan.enabled=yes", "--set", "portscan.memcap=100mb", "-r", "x"
            }));
    // the default 10mb of vigil.yaml
    assertEquals(
        "-Xmx682m -XX:MaxDirectMemorySize=320m",
        JvmOptions.forRun(new String[] {"--set", "portscan.enabled=yes", "-r", "x"}));
  }

  @Test
  void maxMemoryWinsOverTheMemcaps() {
    assertEquals(
        "-Xmx300m -XX:MaxDirectMemorySize=320m",
        JvmOptions.forRun(new String[] {"--set", "max-memory=300mb", "-r", "x"}));
  }

  @Test
  void aBadSizeNamesItsKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> JvmOptions.forRun(new String[] {"--set", "defrag.memcap=lots"}));
    assertTrue(e.getMessage().startsWith("defrag.memcap: expected a size"), e.getMessage());
  }
}
