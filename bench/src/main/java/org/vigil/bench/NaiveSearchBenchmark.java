package org.vigil.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Baseline for the prefilter: one naive byte search per rule pattern over a payload, the loop a
 * multi-pattern matcher must beat.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class NaiveSearchBenchmark {

  @Param({"100", "1000"})
  int patterns;

  byte[][] needles;
  byte[] payload;

  @Setup
  public void setup() {
    Random rnd = new Random(42);
    needles = new byte[patterns][];
    for (int i = 0; i < patterns; i++) {
      needles[i] =
          ("/pattern-" + Integer.toHexString(rnd.nextInt()) + ".php")
              .getBytes(StandardCharsets.US_ASCII);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: Mozilla/5.0\r\n");
    while (sb.length() < 1400) {
      sb.append("X-Filler: ").append(Integer.toHexString(rnd.nextInt())).append("\r\n");
    }
    payload = sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0, last = hay.length - needle.length; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Payload bytes scanned per second = ops/s × payload length. */
  @Benchmark
  public int perRuleIndexOf() {
    int hits = 0;
    for (byte[] n : needles) {
      if (indexOf(payload, n) >= 0) {
        hits++;
      }
    }
    return hits;
  }
}
