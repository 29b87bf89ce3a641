package org.vigil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.Ruleset;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.FlowBits;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.RuleMatcher;

/**
 * Generated code of ET Open rules whose chain retries a content before a pcre without R (the GPL
 * FTP and SMTP command overflow rules: content, isdataat relative, pcre anchored at a line start),
 * evaluated on FTP and SMTP control sessions of many short commands, where the content occurs on
 * every line and the pcre matches none: the cost of one rule evaluation after the prefilter offered
 * the rule. Rules are read from the corpus by sid; both sessions are made up here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChainRetryBenchmark {
  private static final long[] SIDS = {2101919, 2102392, 2100654};

  Ruleset ruleset;
  InspectionContext ftp;
  InspectionContext smtp;

  @Setup
  public void setup() throws IOException {
    Path dir = HttpPayloads.corpus().resolve("rules/et-open");
    StringBuilder text = new StringBuilder();
    for (String file : List.of("emerging-ftp.rules", "emerging-smtp.rules")) {
      for (String line : Files.readAllLines(dir.resolve(file), StandardCharsets.ISO_8859_1)) {
        for (long sid : SIDS) {
          if (line.startsWith("alert") && line.contains("sid:" + sid + ";")) {
            text.append(line.replace("$EXTERNAL_NET", "any").replace("$HOME_NET", "any"));
            text.append('\n');
          }
        }
      }
    }
    String rules = text.toString().replace("$SMTP_SERVERS", "any");
    ParseResult pr = FrontEnd.parseText("chain.rules", rules, Variables.defaults());
    RulesetCompiler.Result res = RulesetCompiler.compile(pr.rules());
    ruleset = res.link();
    if (ruleset.size() != SIDS.length) {
      throw new IllegalStateException("rules not found: " + ruleset.size() + " of " + SIDS.length);
    }
    List<String> ftpLines = new ArrayList<>();
    List<String> smtpLines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ftpLines.add("CWD dir" + i);
      ftpLines.add("RETR file" + i + ".txt");
      smtpLines.add("RCPT TO: <user" + i + "@example.org>");
    }
    ftp = context(String.join("\r\n", ftpLines) + "\r\n", 21);
    smtp = context(String.join("\r\n", smtpLines) + "\r\n", 25);
  }

  private static InspectionContext context(String session, int port) {
    byte[] payload = session.getBytes(StandardCharsets.ISO_8859_1);
    InspectionContext c = new InspectionContext();
    c.setIpv4(0x0a000001, 0x0a000002);
    c.ipProto = 6;
    c.srcPort = 40000;
    c.dstPort = port;
    c.tcpFlags = 0x18;
    c.flowFlags = InspectionContext.FLOW_TO_SERVER | InspectionContext.FLOW_ESTABLISHED;
    c.flowbits = new FlowBits();
    c.setBuffer(Buffers.PAYLOAD, payload, 0, payload.length);
    c.setPacketPayload(payload, 0, payload.length);
    c.dsize = payload.length;
    return c;
  }

  /** Every rule on the FTP session and on the SMTP session; returns the matches (none). */
  @Benchmark
  public int evaluate() {
    int matched = 0;
    for (int r = 0; r < ruleset.size(); r++) {
      RuleMatcher m = ruleset.matcher(r);
      matched += m.match(r, ftp) + m.match(r, smtp);
    }
    return matched;
  }
}
