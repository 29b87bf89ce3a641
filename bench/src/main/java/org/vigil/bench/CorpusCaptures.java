package org.vigil.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.vigil.decode.PacketConsumer;
import org.vigil.decode.PathStats;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.engine.DecodePipeline;
import org.vigil.engine.PathConfig;
import org.vigil.flow.FlowEndListener;

/**
 * The capture files the packet-path benchmarks read (the Zeek captures of the corpus, see {@link
 * HttpPayloads#corpus}) and the decode pipeline they read them through.
 */
final class CorpusCaptures {
  private CorpusCaptures() {}

  /** Every Zeek capture of the corpus, in path order. */
  static List<Path> zeek() {
    Path zeek = HttpPayloads.corpus().resolve("pcaps/zeek");
    try (Stream<Path> s = Files.walk(zeek)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals("COPYING"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "corpus not found at " + zeek.toAbsolutePath() + " (set -Dvigil.corpus=...)", e);
    }
  }

  /** The one capture {@code -Dvigil.capture} names, else every Zeek capture of the corpus. */
  static List<Path> chosen() {
    String one = System.getProperty("vigil.capture");
    return one != null ? List.of(Path.of(one)) : zeek();
  }

  /**
   * A decode and defrag pipeline with the default settings that hands every packet to {@code
   * consumer}, counting into {@code stats}; with {@code flows} the flow table runs too.
   */
  static DecodePipeline pipeline(PathStats stats, PacketConsumer consumer, boolean flows) {
    DecodePipeline d =
        new DecodePipeline(
            PathConfig.defaults(),
            FragPolicyResolver.suricataDefault(),
            stats,
            consumer,
            FlowEndListener.NONE);
    d.setAttachFlows(flows);
    return d;
  }
}
