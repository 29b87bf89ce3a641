package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.config.ConfigException;

/**
 * The heap and direct memory the launcher gives a run, from the configuration it names, and the
 * collector, from where the run's packets come from, its threads and CPUs.
 */
class JvmOptionsTest {
  @TempDir Path dir;

  @Test
  void defaultsAreTheMemcapsPlusTheHeadroom() {
    // 32mb flow + 64mb stream + 256mb reassembly + 32mb defrag + 64mb http + 32mb tls + 192mb
    // headroom;
    // direct: 64mb, whatever the memcaps (stream pages are malloc'd, not direct buffers)
    assertEquals(
        "-Xmx672m -XX:MaxDirectMemorySize=64m",
        JvmOptions.forRun(new String[] {"-r", "x.pcap", "-l", "logs"}));
  }

  @Test
  void memcapsFromTheConfigFileAndSetsGrowTheHeap() throws Exception {
    Path yaml = Files.writeString(dir.resolve("v.yaml"), "flow:\n  memcap: 1gb\n");
    assertEquals(
        "-Xmx1664m -XX:MaxDirectMemorySize=64m",
        JvmOptions.forRun(new String[] {"-c", yaml.toString(), "-r", "x"}));
    assertEquals(
        "-Xmx928m -XX:MaxDirectMemorySize=64m",
        JvmOptions.forRun(new String[] {"--set=stream.reassembly.memcap=512mb", "-r", "x"}));
  }

  @Test
  void thePortscanMemcapCountsWhenPortscanIsOn() {
    assertEquals(
        "-Xmx672m -XX:MaxDirectMemorySize=64m",
        JvmOptions.forRun(new String[] {"--set", "portscan.memcap=100mb", "-r", "x"}),
        "portscan off: its memcap takes nothing");
    assertEquals(
        "-Xmx772m -XX:MaxDirectMemorySize=64m",
        JvmOptions.forRun(
            new String[] {
              "--set", "portscan.enabled=yes", "--set", "portscan.memcap=100mb", "-r", "x"
            }));
    // the default 10mb of vigil.yaml
    assertEquals(
        "-Xmx682m -XX:MaxDirectMemorySize=64m",
        JvmOptions.forRun(new String[] {"--set", "portscan.enabled=yes", "-r", "x"}));
  }

  @Test
  void workersOverCapturesHoldTheDefragBudgetOncePerWorker() {
    // each workers thread reads every capture and tracks every pending datagram under the whole
    // budget (a flood of tiny fragments fills it with trackers)
    assertEquals(
        "-Xmx768m -XX:MaxDirectMemorySize=64m",
        JvmOptions.forRun(new String[] {"-r", "x", "--runmode", "workers", "--threads", "4"}));
    assertEquals(
        "-Xmx736m -XX:MaxDirectMemorySize=64m",
        JvmOptions.forRun(
            new String[] {"--runmode=workers", "--threads=2", "--set", "defrag.memcap=48mb"}));
    assertEquals(
        "-Xmx704m -XX:MaxDirectMemorySize=64m",
        JvmOptions.forRun(
            new String[] {
              "--set", "threading.runmode=workers", "--set", "threading.threads=2", "-r", "x"
            }),
        "the configuration's run mode and threads count as the command line's");
    // one defragmenter: autofp's and custom layouts' reader, a live or inline run's engine
    for (String[] args :
        List.of(
            new String[] {"-r", "x", "--runmode", "autofp", "--threads", "4"},
            new String[] {"-i", "eth0", "--runmode", "workers", "--threads", "4"},
            new String[] {"-q", "0", "--runmode", "workers", "--threads", "4"})) {
      assertEquals(
          "-Xmx672m -XX:MaxDirectMemorySize=64m", JvmOptions.forRun(args), String.join(" ", args));
    }
    assertEquals(
        "-Xmx300m -XX:MaxDirectMemorySize=64m",
        JvmOptions.forRun(
            new String[] {"--set", "max-memory=300mb", "--runmode", "workers", "--threads", "4"}),
        "max-memory is the heap whatever the run mode");
  }

  @Test
  void aThreadCountNoHeapCanHoldIsAConfigError() {
    // 100,000 workers would each count the defragmentation budget: the JVM could not start
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                JvmOptions.forRun(
                    new String[] {"-r", "x", "--runmode", "workers", "--threads", "100000"}));
    assertEquals("--threads: at most 1024, found 100000", e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () ->
                JvmOptions.forRun(
                    new String[] {
                      "--set", "threading.runmode=workers", "--set", "threading.threads=0"
                    }));
    assertEquals("threading.threads: at least 1, found 0", e.getMessage());
  }

  @Test
  void maxMemoryWinsOverTheMemcaps() {
    assertEquals(
        "-Xmx300m -XX:MaxDirectMemorySize=64m",
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

  @Test
  void captureRunsGetTheParallelCollectorWhateverTheirThreads() {
    for (String[] args :
        List.of(
            new String[] {"-r", "x.pcap", "-l", "logs"},
            new String[] {"-r", "x.pcap", "--runmode", "single"},
            new String[] {"-rx.pcap", "--runmode=workers", "--threads=1"},
            new String[] {"-r", "x", "--runmode", "autofp", "--threads", "2"})) {
      GcPlan plan = JvmOptions.gcFor(args);
      assertEquals(GcPlan.Collector.PARALLEL, plan.collector(), String.join(" ", args));
      assertEquals(GcPlan.PARALLEL_FLAGS, plan.flags());
    }
    GcPlan workers =
        JvmOptions.gcFor(new String[] {"-rx.pcap", "--runmode=workers", "--threads=2"});
    assertEquals(GcPlan.Collector.PARALLEL, workers.collector());
    int shares = Math.min(2, Runtime.getRuntime().availableProcessors());
    assertTrue(
        workers.flags().contains("-XX:MaxNewSize=" + GcPlan.YOUNG_MIB * shares + "m"),
        workers.line());
    assertTrue(
        JvmOptions.gcFor(new String[] {"-r", "x"})
            .line()
            .startsWith("-XX:+UseParallelGC -Xms16m "));
    assertTrue(
        workers.flags().contains("-Xms" + GcPlan.INITIAL_MIB * shares + "m"), workers.line());
    assertTrue(
        GcPlan.PARALLEL_FLAGS.stream().noneMatch(f -> f.startsWith("-XX:Tier4")),
        "the JIT's thresholds are JitPlan's, kept when a user names a collector");
  }

  @Test
  void liveAndInlineRunsGetG1WhateverTheirThreads() {
    for (String[] args :
        List.of(
            new String[] {"-i", "eth0"},
            new String[] {"-ieth0", "--runmode", "single"},
            new String[] {"-q", "0"},
            new String[] {"-q=0:3", "--runmode", "workers"})) {
      GcPlan plan = JvmOptions.gcFor(args);
      assertEquals(GcPlan.Collector.G1, plan.collector(), String.join(" ", args));
      assertEquals(GcPlan.G1_FLAGS, plan.flags());
    }
  }

  @Test
  void onlyG1RunsTrimTheCHeap() {
    String trim = "-XX:TrimNativeHeapInterval=2000";
    assertTrue(JvmOptions.gcFor(new String[] {"-i", "eth0"}).flags().contains(trim));
    assertTrue(JvmOptions.gcFor(new String[] {"-q", "0"}).flags().contains(trim));
    assertFalse(
        JvmOptions.gcFor(new String[] {"-r", "x"}).line().contains("TrimNativeHeapInterval"));
  }

  @Test
  void theLaunchersG1FlagsForOtherCommandsAreThePlans() throws Exception {
    Path launcher =
        Path.of(System.getProperty("vigil.root", "..")).resolve("bin/vigil").toAbsolutePath();
    String text = Files.readString(launcher);
    int start = text.indexOf("GC_FLAGS=(");
    String block = text.substring(start, text.indexOf(")", start));
    assertEquals(
        GcPlan.G1_FLAGS,
        block.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList());
  }

  /**
   * Workers over captures get a young generation share per worker that can run at once: its workers
   * allocate together.
   */
  @Test
  void workersOverCapturesGetAYoungShareEach() {
    int cpus = Runtime.getRuntime().availableProcessors();
    String young = "-XX:MaxNewSize=" + GcPlan.YOUNG_MIB * Math.min(Math.min(cpus, 3), 4) + "m";
    GcPlan three =
        JvmOptions.gcFor(
            new String[] {"-r", "x", "--set", "threading.runmode=workers", "--threads", "3"});
    assertTrue(three.flags().contains(young), three.line());
    assertEquals(GcPlan.PARALLEL_FLAGS.size(), three.flags().size());
    GcPlan many = GcPlan.forRun(GcPlan.Source.CAPTURE, 1024);
    assertTrue(many.flags().contains("-XX:MaxNewSize=96m"), "at most four shares: " + many.line());
    assertEquals(
        GcPlan.G1_FLAGS,
        JvmOptions.gcFor(new String[] {"-i", "eth0", "--runmode", "workers", "--threads", "2"})
            .flags(),
        "live runs keep G1's own sizing");
  }
}
