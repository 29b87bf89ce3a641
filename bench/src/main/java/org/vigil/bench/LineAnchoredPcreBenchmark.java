package org.vigil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The pcres of the ET Open rules that start with a multiline {@code ^} (the FTP, SMTP, POP3 and
 * IMAP command overflow rules: {@code /^CWD\s[^\n]{100}/smi}) over what they meet in a run: a
 * control connection's reassembled stream, 8 KiB of short command lines, most of them holding the
 * rules' commands. {@link PcreProgram} tries such a pattern at line starts only; {@code
 * javaRegexFind} is java.util.regex's own {@code find()}, which tries every position.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineAnchoredPcreBenchmark {
  byte[] stream;
  String text;
  PcreProgram[] programs;
  Matcher[] matchers;

  @Setup
  public void setup() throws IOException {
    StringBuilder sb = new StringBuilder();
    String[] lines = {
      "USER anonymous",
      "PASS guest@",
      "CWD /pub/linux",
      "TYPE I",
      "PASV",
      "RETR README.txt",
      "LIST -la",
      "MAIL FROM:<a@b.example>",
      "RCPT TO:<c@d.example>",
      "DATA",
      "NOOP"
    };
    for (int i = 0; sb.length() < 8192; i++) {
      sb.append(lines[i % lines.length]).append("\r\n");
    }
    text = sb.toString();
    stream = text.getBytes(StandardCharsets.ISO_8859_1);
    VigilConfig cfg = VigilConfig.load(null, List.of());
    ParseResult front =
        FrontEnd.parse(
            List.of(HttpPayloads.corpus().resolve("rules/et-open")),
            Variables.from(cfg),
            ClassificationConfig.load(cfg.classificationFile()));
    List<PcreTranslator.Translated> chosen = new ArrayList<>();
    for (Rule r : front.rules()) {
      for (Pcre p : r.all(Pcre.class)) {
        PcreTranslator.Translated t = PcreTranslator.translate(p);
        if (!p.negated() && t.regex().startsWith("^") && (t.flags() & Pattern.MULTILINE) != 0) {
          chosen.add(t);
        }
      }
    }
    programs = new PcreProgram[chosen.size()];
    matchers = new Matcher[chosen.size()];
    for (int i = 0; i < chosen.size(); i++) {
      PcreTranslator.Translated t = chosen.get(i);
      programs[i] = PcreProgram.of(t.regex(), t.flags(), RuleGuard.defaults());
      matchers[i] = t.compile().matcher(text);
    }
  }

  /** Every program over the stream; returns the number of matches. */
  @Benchmark
  public int pcreProgram() {
    int hits = 0;
    for (PcreProgram p : programs) {
      if (p.search(stream, 0, stream.length, 0, 0, false) >= 0) {
        hits++;
      }
    }
    return hits;
  }

  /** The same searches with java.util.regex's find() (no budget, no literal first). */
  @Benchmark
  public int javaRegexFind() {
    int hits = 0;
    for (Matcher m : matchers) {
      if (m.reset().find()) {
        hits++;
      }
    }
    return hits;
  }
}
