package org.vigil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
import org.vigil.detect.api.Primitives;

/**
 * The content search of the generated rule code ({@link Primitives#find}) against the byte-by-byte
 * loop it replaced ({@link #byteLoop}): 256 content patterns of the ET Open rules (case-sensitive
 * or nocase, as the rules give them) each searched in 512 TCP payloads of the zeek HTTP captures.
 * Most searches find nothing, as in a rule evaluation after the prefilter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ContentFindBenchmark {

  /** true: nocase patterns only; false: case-sensitive ones only. */
  @Param({"true", "false"})
  boolean nocase;

  byte[][] needles;
  List<byte[]> payloads;

  private static final Pattern CONTENT = Pattern.compile("content:\"([^\"]*)\";([^;]*;){0,4}");

  @Setup
  public void setup() throws IOException {
    payloads = HttpPayloads.load(512);
    List<byte[]> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(HttpPayloads.corpus().resolve("rules/et-open"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".rules")).sorted().toList()) {
        Matcher m = CONTENT.matcher(Files.readString(f, StandardCharsets.ISO_8859_1));
        while (m.find()) {
          boolean ci = m.group().contains("nocase;");
          byte[] pat = decode(m.group(1));
          if (ci == nocase && pat.length > 0) {
            found.add(ci ? lower(pat) : pat);
          }
        }
      }
    }
    Collections.shuffle(found, new Random(20));
    needles = found.subList(0, Math.min(256, found.size())).toArray(new byte[0][]);
  }

  /** A rule file's content text: |hex| runs decoded, escapes taken as the byte after them. */
  private static byte[] decode(String s) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    boolean hex = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '|') {
        hex = !hex;
      } else if (hex) {
        if (c != ' ' && i + 1 < s.length()) {
          out.write(Integer.parseInt(s.substring(i, i + 2), 16));
          i++;
        }
      } else if (c == '\\' && i + 1 < s.length()) {
        out.write(s.charAt(++i));
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  private static byte[] lower(byte[] p) {
    byte[] l = new byte[p.length];
    for (int i = 0; i < p.length; i++) {
      l[i] = Primitives.lower(p[i]);
    }
    return l;
  }

  /** Primitives.find over every payload for every pattern; returns the number of hits. */
  @Benchmark
  public int primitivesFind() {
    int hits = 0;
    for (byte[] d : payloads) {
      for (byte[] n : needles) {
        if (Primitives.find(d, 0, 0, d.length, n, nocase) >= 0) {
          hits++;
        }
      }
    }
    return hits;
  }

  /** The same searches with the byte-by-byte loop. */
  @Benchmark
  public int byteLoop() {
    int hits = 0;
    for (byte[] d : payloads) {
      for (byte[] n : needles) {
        if (byteLoop(d, 0, 0, d.length, n, nocase) >= 0) {
          hits++;
        }
      }
    }
    return hits;
  }

  /** The search as a first-byte loop comparing one byte at a time (the baseline). */
  static int byteLoop(byte[] data, int base, int start, int end, byte[] pat, boolean nocase) {
    int n = pat.length;
    int last = end - n;
    byte first = pat[0];
    for (int p = Math.max(0, start); p <= last; p++) {
      int a = base + p;
      if ((nocase ? Primitives.lower(data[a]) : data[a]) != first) {
        continue;
      }
      int j = 1;
      while (j < n && (nocase ? Primitives.lower(data[a + j]) : data[a + j]) == pat[j]) {
        j++;
      }
      if (j == n) {
        return p;
      }
    }
    return -1;
  }
}
