package org.vigil.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
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
import org.vigil.app.http.HttpConfig;
import org.vigil.app.http.HttpConnectionParser;
import org.vigil.app.http.HttpTransaction;
import org.vigil.app.http.HttpTransactionListener;
import org.vigil.app.http.normalize.ServerPersonality;
import org.vigil.app.http.normalize.UriFlag;
import org.vigil.app.http.normalize.UriNormalizer;

/**
 * HTTP app layer: one keep-alive connection of 20 request/response pairs fed in 1460-byte segments
 * (plain, chunked or gzip bodies), every inspection buffer taken once per transaction; and URI
 * normalization alone. Bytes per second = ops/s x {@link #bytes}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HttpParserBenchmark {

  @Param({"plain", "chunked", "gzip"})
  String body;

  byte[] client;
  byte[] server;

  /** Bytes of one connection (both directions). */
  public int bytes;

  byte[] uri;
  final HttpConfig config = HttpConfig.defaults();

  @Setup
  public void setup() throws Exception {
    Random rnd = new Random(1);
    ByteArrayOutputStream c = new ByteArrayOutputStream();
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    for (int i = 0; i < 20; i++) {
      c.writeBytes(
          ("GET /static/js/app-"
                  + i
                  + ".js?v="
                  + Integer.toHexString(rnd.nextInt())
                  + "&x=%41%2e%2e/b HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: Mozilla/5.0 (X11; Linux"
                  + " x86_64) AppleWebKit/537.36\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\n"
                  + "Cookie: session="
                  + Long.toHexString(rnd.nextLong())
                  + "\r\nConnection: keep-alive\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      StringBuilder page = new StringBuilder();
      while (page.length() < 8000) {
        page.append("function f").append(rnd.nextInt(1000)).append("(a,b){return a+b;}\n");
      }
      byte[] p = page.toString().getBytes(StandardCharsets.ISO_8859_1);
      String head =
          "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: application/javascript\r\n"
              + "Set-Cookie: a=b\r\n";
      switch (body) {
        case "plain" -> {
          s.writeBytes(
              (head + "Content-Length: " + p.length + "\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
          s.writeBytes(p);
        }
        case "chunked" -> {
          s.writeBytes(
              (head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          for (int off = 0; off < p.length; off += 1000) {
            int n = Math.min(1000, p.length - off);
            s.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.write(p, off, n);
            s.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
          }
          s.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        default -> {
          ByteArrayOutputStream z = new ByteArrayOutputStream();
          try (GZIPOutputStream g = new GZIPOutputStream(z)) {
            g.write(p);
          }
          byte[] gz = z.toByteArray();
          s.writeBytes(
              (head + "Content-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
          s.writeBytes(gz);
        }
      }
    }
    client = c.toByteArray();
    server = s.toByteArray();
    bytes = client.length + server.length;
    uri =
        "/scripts/..%c0%af../winnt/%2e%2e/system32/cmd.exe?/c+dir%20c:\\"
            .getBytes(StandardCharsets.ISO_8859_1);
    System.out.println("connection bytes: " + bytes);
  }

  /** Listener that reads every buffer once per transaction, as detection would. */
  static final class Reader implements HttpTransactionListener {
    final Blackhole bh;

    Reader(Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public void onRequestComplete(HttpTransaction tx) {
      bh.consume(tx.uri());
      bh.consume(tx.rawUri());
      bh.consume(tx.method());
      bh.consume(tx.requestHeaderBuffer());
      bh.consume(tx.requestRawHeader());
      bh.consume(tx.requestCookie());
      bh.consume(tx.clientBody());
    }

    @Override
    public void onResponseComplete(HttpTransaction tx) {
      bh.consume(tx.statCode());
      bh.consume(tx.statMsg());
      bh.consume(tx.responseHeaderBuffer());
      bh.consume(tx.responseRawHeader());
      bh.consume(tx.fileData());
    }
  }

  @Benchmark
  public long connection(Blackhole bh) {
    HttpConnectionParser p =
        new HttpConnectionParser(config, ServerPersonality.IDS, new Reader(bh));
    int ci = 0;
    int si = 0;
    while (ci < client.length || si < server.length) {
      if (ci < client.length) {
        int n = Math.min(1460, client.length - ci);
        p.onData(true, client, ci, n);
        ci += n;
      }
      if (si < server.length) {
        int n = Math.min(1460, server.length - si);
        p.onData(false, server, si, n);
        si += n;
      }
    }
    p.onClose(true);
    p.onClose(false);
    return p.transactionCount();
  }

  @Benchmark
  public byte[] normalizeUri() {
    return UriNormalizer.normalize(
        uri, ServerPersonality.IIS_5_0.options(), EnumSet.noneOf(UriFlag.class));
  }
}
