package org.vigil.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.app.http.HttpRecord;
import org.vigil.output.AlertEvent;
import org.vigil.output.EveJsonWriter;
import org.vigil.output.EventHeader;
import org.vigil.output.FastLogWriter;
import org.vigil.output.log.AlertLog;
import org.vigil.output.log.AlertLogConfig;

/**
 * Cost of logging one alert: the durable Chronicle append, the EVE JSON line and the fast.log line
 * (the last two into a discarding stream, so the figure is formatting, not disk).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow"
    })
public class OutputBenchmark {

  Path dir;
  AlertLog log;
  EveJsonWriter eve;
  FastLogWriter fast;
  AlertEvent alert;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("vigil-bench-out");
    log = AlertLog.open(dir, AlertLogConfig.DEFAULT);
    eve = new EveJsonWriter(OutputStream.nullOutputStream(), org.vigil.output.EveTypes.ALL);
    fast = new FastLogWriter(OutputStream.nullOutputStream());
    EventHeader h =
        new EventHeader(
            1_795_719_042_123_456_789L,
            1234567890123L,
            42L,
            "http.pcap",
            "10.0.0.1",
            51000,
            "192.0.2.7",
            80,
            "TCP",
            "to_server",
            null,
            null,
            null);
    alert =
        AlertEvent.builder(h)
            .rule(1, 2013028, 4)
            .signature("ET POLICY curl User-Agent Outbound", "Attempted Information Leak", 2)
            .app(
                "http",
                new HttpRecord(
                    "www.example.com",
                    "/index.html",
                    "curl/7.68.0",
                    null,
                    null,
                    "GET",
                    "HTTP/1.1",
                    200,
                    1024L))
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    log.close();
    eve.close();
    fast.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public long chronicleAppend() {
    return log.append(alert);
  }

  @Benchmark
  public void eveLine() throws IOException {
    eve.write(alert);
  }

  @Benchmark
  public void fastLine() throws IOException {
    fast.write(alert);
  }
}
