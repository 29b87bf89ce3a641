package org.vigil.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.compiler.analysis.PcreTranslator;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.compiler.ir.Pcre;
import org.vigil.compiler.ir.Rule;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.VigilConfig;
import org.vigil.detect.api.PcreProgram;
import org.vigil.detect.api.RuleGuard;

/**
 * The pcre search of the generated rule code ({@link PcreProgram}, which looks for a literal every
 * match contains before running the regex) against java.util.regex alone on the same translated
 * patterns: 128 positive pcres of the ET Open rules, each searched in 256 TCP payloads of the zeek
 * HTTP captures. Pairs are not those a rule evaluation meets (there the rule's contents matched
 * first), so the ratio is an upper bound of the gain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PcreSearchBenchmark {
  List<byte[]> payloads;
  PcreProgram[] programs;
  Matcher[] matchers;

  @Setup
  public void setup() throws IOException {
    payloads = HttpPayloads.load(256);
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ParseResult front =
        FrontEnd.parse(
            List.of(HttpPayloads.corpus().resolve("rules/et-open")),
            Variables.from(cfg),
            ClassificationConfig.load(cfg.classificationFile()));
    List<PcreTranslator.Translated> all = new ArrayList<>();
    for (Rule r : front.rules()) {
      for (Pcre p : r.all(Pcre.class)) {
        if (!p.negated()) {
          all.add(PcreTranslator.translate(p));
        }
      }
    }
    Collections.shuffle(all, new Random(20));
    List<PcreTranslator.Translated> chosen = all.subList(0, Math.min(128, all.size()));
    programs = new PcreProgram[chosen.size()];
    matchers = new Matcher[chosen.size()];
    for (int i = 0; i < chosen.size(); i++) {
      PcreTranslator.Translated t = chosen.get(i);
      programs[i] = PcreProgram.of(t.regex(), t.flags(), RuleGuard.defaults());
      matchers[i] = t.compile().matcher("");
    }
  }

  /** Every program over every payload; returns the number of matches. */
  @Benchmark
  public int pcreProgram() {
    int hits = 0;
    for (byte[] d : payloads) {
      for (PcreProgram p : programs) {
        if (p.search(d, 0, d.length, 0, 0, false) >= 0) {
          hits++;
        }
      }
    }
    return hits;
  }

  /** The same searches with java.util.regex alone (no budget, no literal first). */
  @Benchmark
  public int javaRegexOnly() {
    int hits = 0;
    for (byte[] d : payloads) {
      String text = new String(d, java.nio.charset.StandardCharsets.ISO_8859_1);
      for (Matcher m : matchers) {
        if (m.reset(text).find()) {
          hits++;
        }
      }
    }
    return hits;
  }
}
