package org.vigil.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.Variables;
import org.vigil.detect.AlertSink;
import org.vigil.detect.Detector;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.api.AppProtos;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleMeta;

/**
 * The candidates stage of an HTTP response's app-layer passes as the inspector runs them, without
 * rule code (the sink evaluates no candidate): a body growing past Suricata's minimal inspect size
 * (40 KiB) is inspected with the response's buffers and the whole body so far on each packet that
 * brings body bytes (1,448 per packet) up to the 100 KiB body limit, then once when complete, then
 * with the last raw stream chunk of its direction for the rules mixing http buffers with raw
 * payload. Bodies and chunks are the zeek HTTP captures' payloads; the ruleset is the {@code .vrs}
 * named by {@code -Dvigil.vrs}, else ET Open from the corpus. One op = every pass of one response.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class TransactionScansBenchmark {
  private static final int MIN_INSPECT = 40 * 1024;
  private static final int LIMIT = 100 * 1024;
  private static final int SEGMENT = 1448;

  Detector detector;
  InspectionContext ctx;
  byte[] body;
  byte[] chunk;
  byte[][] headers;
  int[] headerIds;

  /** Evaluates no candidate: the passes cost their candidates stage alone. */
  private static final AlertSink NO_RULE_CODE =
      new AlertSink() {
        @Override
        public void alert(RuleMeta rule, InspectionContext c) {}

        @Override
        public boolean evaluate(int rule) {
          return false;
        }
      };

  @Setup(Level.Trial)
  public void setup() throws Exception {
    String vrs = System.getProperty("vigil.vrs");
    Ruleset ruleset;
    if (vrs != null) {
      ruleset = RulesetLinker.load(Path.of(vrs));
    } else {
      var pr =
          FrontEnd.parse(
              List.of(HttpPayloads.corpus().resolve("rules/et-open")), Variables.defaults());
      ruleset = RulesetCompiler.compile(pr.rules(), Map.of(), "").link();
    }
    detector = new Detector(ruleset);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : HttpPayloads.load(4000)) {
      if (b.size() < LIMIT) {
        b.writeBytes(p);
      }
    }
    body = java.util.Arrays.copyOf(b.toByteArray(), LIMIT);
    chunk = java.util.Arrays.copyOfRange(body, LIMIT - 4 * SEGMENT, LIMIT);
    String[][] h = {
      {
        "" + Buffers.HTTP_HEADER,
        "Server: Apache/2.2.3 (CentOS)\r\nLast-Modified: Tue, 05 Jun 2012"
            + " 18:09:11 GMT\r\nETag: \"8f4e3-19c-4c1bf2e41e7c0\"\r\nAccept-Ranges: bytes\r\n"
            + "Content-Length: 102400\r\nConnection: close\r\nContent-Type: application/octet-stream"
            + "\r\n\r\n"
      },
      {"" + Buffers.HTTP_URI, "/downloads/files/update/setup-2.4.1-x86_64.exe?mirror=eu&t=1"},
      {"" + Buffers.HTTP_METHOD, "GET"},
      {"" + Buffers.HTTP_STAT_CODE, "200"},
      {"" + Buffers.HTTP_STAT_MSG, "OK"},
      {"" + Buffers.HTTP_CONTENT_TYPE, "application/octet-stream"},
      {"" + Buffers.HTTP_SERVER, "Apache/2.2.3 (CentOS)"},
      {"" + Buffers.HTTP_HOST, "download.example.com"},
      {"" + Buffers.HTTP_USER_AGENT, "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:12.0) Firefox/12.0"},
      {"" + Buffers.HTTP_RESPONSE_LINE, "HTTP/1.1 200 OK"},
      {
        "" + Buffers.HTTP_REQUEST_LINE,
        "GET /downloads/files/update/setup-2.4.1-x86_64.exe HTTP/1.1"
      }
    };
    headers = new byte[h.length][];
    headerIds = new int[h.length];
    for (int i = 0; i < h.length; i++) {
      headerIds[i] = Integer.parseInt(h[i][0]);
      headers[i] = h[i][1].getBytes(StandardCharsets.ISO_8859_1);
    }
    ctx = new InspectionContext();
    ctx.setIpv4(0x0a000002, 0x0a000001);
    ctx.ipProto = 6;
    ctx.srcPort = 80;
    ctx.dstPort = 40000;
    ctx.flowFlags = InspectionContext.FLOW_TO_CLIENT | InspectionContext.FLOW_ESTABLISHED;
    ctx.appProto = AppProtos.id("http");
  }

  private void responseBuffers(int bodyBytes) {
    ctx.clearBuffers();
    for (int i = 0; i < headers.length; i++) {
      ctx.setBuffer(headerIds[i], headers[i], 0, headers[i].length);
    }
    ctx.setBuffer(Buffers.FILE_DATA, body, 0, bodyBytes);
  }

  /** Every pass of one response: early passes, the completed response, its raw-stream pass. */
  @Benchmark
  public long responsePasses() {
    long n = 0;
    for (int size = MIN_INSPECT; size < LIMIT; size += SEGMENT) {
      responseBuffers(size);
      n += detector.inspect(ctx, 0, NO_RULE_CODE, RuleMeta.ON_STREAM);
    }
    responseBuffers(LIMIT);
    n += detector.inspect(ctx, 0, NO_RULE_CODE, RuleMeta.ON_STREAM);
    ctx.setBuffer(Buffers.PAYLOAD, chunk, 0, chunk.length);
    n += detector.inspect(ctx, 0, NO_RULE_CODE, RuleMeta.ON_TX_STREAM);
    return n + detector.inspections();
  }
}
