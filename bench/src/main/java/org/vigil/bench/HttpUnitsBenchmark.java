package org.vigil.bench;

import java.io.ByteArrayOutputStream;
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
import org.openjdk.jmh.infra.Blackhole;
import org.vigil.app.AppContext;
import org.vigil.app.AppControl;
import org.vigil.app.AppTransaction;
import org.vigil.app.BufferSink;
import org.vigil.app.UnitSink;
import org.vigil.app.http.HttpConfig;
import org.vigil.app.http.HttpLayer;
import org.vigil.app.http.PersonalityResolver;
import org.vigil.app.http.normalize.ServerPersonality;

/**
 * The HTTP layer as the inspector drives it, without detection: one keep-alive connection of 10
 * request/response pairs fed in 1448-byte segments, the units of each segment's direction pulled
 * after it and every buffer of every unit put into a sink (as the inspector fills its context), so
 * the cost of the parser, the per-pass buffers and the body windows (a response body past
 * Suricata's minimal inspect size is a unit on every segment) is measured together. One op = one
 * connection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HttpUnitsBenchmark {
  private static final int SEGMENT = 1448;

  /** Bytes of each response body: under and over the 40 KiB minimal inspect size. */
  @Param({"8000", "90000"})
  int bodySize;

  byte[][] requests;
  byte[][] responses;
  final HttpConfig config = HttpConfig.defaults();

  @Setup
  public void setup() {
    Random rnd = new Random(1);
    requests = new byte[10][];
    responses = new byte[10][];
    StringBuilder page = new StringBuilder();
    while (page.length() < bodySize) {
      page.append("function f").append(rnd.nextInt(1000)).append("(a,b){return a+b;}\n");
    }
    byte[] p = page.substring(0, bodySize).getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 10; i++) {
      requests[i] =
          ("GET /static/js/app-"
                  + i
                  + ".js?v="
                  + Integer.toHexString(rnd.nextInt())
                  + " HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: Mozilla/5.0 (X11; Linux"
                  + " x86_64)\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\nReferer:"
                  + " http://www.example.com/\r\nCookie: session="
                  + Long.toHexString(rnd.nextLong())
                  + "\r\nConnection: keep-alive\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
      ByteArrayOutputStream s = new ByteArrayOutputStream();
      s.writeBytes(
          ("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: application/javascript\r\n"
                  + "Set-Cookie: a=b\r\nContent-Length: "
                  + p.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      s.writeBytes(p);
      responses[i] = s.toByteArray();
    }
  }

  @Benchmark
  public long connection(Blackhole bh) {
    long[] sum = new long[1];
    BufferSink buffers =
        (id, b, off, len) -> {
          sum[0] += len + b[off + (len > 0 ? len - 1 : 0)];
        };
    UnitSink units =
        u -> {
          u.buffers().fill(buffers);
          bh.consume(u.effectiveAdmission());
        };
    HttpLayer layer =
        new HttpLayer(
            new AppContext(new byte[] {10, 0, 0, 1}, 80, new NoControl(), null, null),
            config,
            PersonalityResolver.fixed(ServerPersonality.IDS));
    for (int i = 0; i < requests.length; i++) {
      feed(layer, true, requests[i], units);
      feed(layer, false, responses[i], units);
    }
    layer.units(true, true, units);
    layer.units(false, true, units);
    return sum[0];
  }

  private static void feed(HttpLayer layer, boolean toServer, byte[] data, UnitSink units) {
    for (int off = 0; off < data.length; off += SEGMENT) {
      int n = Math.min(SEGMENT, data.length - off);
      layer.onData(toServer, data, off, n);
      layer.units(toServer, false, units);
    }
  }

  /** Controls nobody acts on. */
  private static final class NoControl implements AppControl {
    @Override
    public void stopInspection() {}

    @Override
    public void stopPayloadInspection() {}

    @Override
    public void flushForProtocolChange() {}

    @Override
    public void changeProtocol() {}

    @Override
    public void protocolChangeDone() {}

    @Override
    public void raiseReassemblyDepth(long bytes) {}

    @Override
    public void triggerRawInspection(boolean toServer) {}

    @Override
    public void logTransaction(AppTransaction tx) {}
  }
}
