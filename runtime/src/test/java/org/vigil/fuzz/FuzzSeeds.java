package org.vigil.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Seeds for the fuzz tests, written at test time into Jazzer's generated corpus folder ({@code
 * <jazzer.internal.basedir>/.cifuzz-corpus/<class>/<method>/}, the build's target folder in the
 * Maven run), so that nothing of the shared corpus is copied into the project. Also the chunked
 * conversation format the app-layer parser fuzz tests read.
 */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  /**
   * The shared corpus folder, or null when it is absent (the fuzz tests then start from their own
   * seeds).
   */
  public static Path corpus() {
    Path d = Path.of(System.getProperty("vigil.corpus", "../shared/corpus"));
    return Files.isDirectory(d) ? d : null;
  }

  /**
   * Files under {@code relative} of the corpus (none without a corpus) that {@code keep} accepts,
   * sorted.
   */
  public static List<Path> corpusFiles(String relative, Predicate<Path> keep) {
    Path c = corpus();
    if (c == null || !Files.isDirectory(c.resolve(relative))) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(c.resolve(relative))) {
      return s.filter(Files::isRegularFile).filter(keep).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A capture file (pcap, pcapng, cap) of at most {@code maxBytes}. */
  public static Predicate<Path> smallCapture(long maxBytes) {
    return f -> {
      String n = f.getFileName().toString();
      try {
        return (n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap"))
            && Files.size(f) <= maxBytes;
      } catch (IOException e) {
        return false;
      }
    };
  }

  /**
   * Every {@code k}-th of {@code files} so that at most {@code max} remain: the seeds are all run
   * before fuzzing starts, so their number bounds the start-up time of a short run.
   */
  public static List<Path> sample(List<Path> files, int max) {
    if (files.size() <= max) {
      return files;
    }
    List<Path> out = new java.util.ArrayList<>(max);
    for (int i = 0; i < max; i++) {
      out.add(files.get((int) ((long) i * files.size() / max)));
    }
    return out;
  }

  /** The generated corpus folder of fuzz test {@code test}.{@code method}. */
  public static Path generated(Class<?> test, String method) {
    return Path.of(System.getProperty("jazzer.internal.basedir", ""))
        .toAbsolutePath()
        .resolve(".cifuzz-corpus")
        .resolve(test.getName())
        .resolve(method);
  }

  /**
   * Empties the generated corpus of fuzz test {@code test}.{@code method} so that each build's
   * short run starts from the seeds alone, unless the environment variable VIGIL_FUZZ_KEEP_CORPUS
   * is set (a long campaign that goes on from where the last one stopped).
   */
  public static void reset(Class<?> test, String method) {
    if (System.getenv("VIGIL_FUZZ_KEEP_CORPUS") != null) {
      return;
    }
    Path dir = generated(test, method);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds {@code data} as a seed of fuzz test {@code test}.{@code method}; returns false if it was
   * there.
   */
  public static boolean add(Class<?> test, String method, byte[] data) {
    Path dir = generated(test, method);
    try {
      Files.createDirectories(dir);
      Path f = dir.resolve(sha1(data));
      if (Files.exists(f)) {
        return false;
      }
      Files.write(f, data);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One piece of a conversation given to an app-layer parser: data of one direction, or a gap. */
  public record Chunk(boolean toServer, boolean gap, byte[] data, int off, int len) {}

  /**
   * Reads a fuzz input as a conversation: per chunk one control byte (bit 0: to server; bits 1-3
   * all set: a gap of the next byte + 1 bytes) and one length byte, then that many bytes of data
   * (fewer at the input's end).
   */
  public static List<Chunk> chunks(byte[] in) {
    List<Chunk> out = new java.util.ArrayList<>();
    int i = 0;
    while (i + 1 < in.length) {
      int c = in[i] & 0xff;
      int n = (in[i + 1] & 0xff) + (c >= 0x80 ? 256 : 0);
      i += 2;
      boolean toServer = (c & 1) != 0;
      if ((c & 0x0e) == 0x0e) {
        out.add(new Chunk(toServer, true, in, i, n + 1));
        continue;
      }
      int len = Math.min(n, in.length - i);
      out.add(new Chunk(toServer, false, in, i, len));
      i += len;
    }
    return out;
  }

  /**
   * Encodes whole messages of each direction ({@code toServer[k]} for {@code parts[k]}) as {@link
   * #chunks} reads them.
   */
  public static byte[] conversation(boolean[] toServer, byte[][] parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int k = 0; k < parts.length; k++) {
      byte[] p = parts[k];
      for (int at = 0; at < p.length; at += 255) {
        int n = Math.min(255, p.length - at);
        out.write(toServer[k] ? 1 : 0);
        out.write(n);
        out.write(p, at, n);
      }
    }
    return out.toByteArray();
  }

  /**
   * The TCP payloads of {@code capture} to or from a port {@code ports} accepts, in capture order,
   * as one conversation (to server: towards that port); empty when the file holds none.
   */
  public static byte[] payloads(Path capture, java.util.function.IntPredicate ports) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    org.vigil.engine.DecodePipeline pipe =
        new org.vigil.engine.DecodePipeline(
            org.vigil.engine.PathConfig.defaults(),
            org.vigil.defrag.FragPolicyResolver.suricataDefault(),
            new org.vigil.decode.PathStats(),
            p -> {
              if (!p.isTcp() || p.payloadLength() == 0) {
                return;
              }
              boolean toServer = ports.test(p.dstPort());
              if (!toServer && !ports.test(p.srcPort())) {
                return;
              }
              for (int at = 0; at < p.payloadLength() && out.size() < 16384; at += 255) {
                int n = Math.min(255, p.payloadLength() - at);
                out.write(toServer ? 1 : 0);
                out.write(n);
                out.write(p.data(), p.payloadOffset() + at, n);
              }
            },
            org.vigil.flow.FlowEndListener.NONE);
    pipe.runCapture(capture);
    return out.toByteArray();
  }
}
